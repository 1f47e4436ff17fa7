//! Strings that match a `pattern`, kept short and readable.
//!
//! The pattern is parsed, then tamed before generation: anchors are dropped
//! (a generated string matches the whole pattern anyway), every class is
//! narrowed to ASCII letters and digits when it holds any (else to printable
//! ASCII), and repetitions are capped a few past their minimum. So
//! `^[A-Z0-9]{6}$` gives `K7QP2M`, and `.+` gives a short word, not a run
//! of rare Unicode.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Repetition,
};

/// Repetitions beyond the minimum that an open or wide range may take.
const EXTRA_REPEATS: u32 = 4;

/// A compiled, tamed pattern ready to write strings.
pub(super) struct PatternWriter {
    generator: rand_regex::Regex,
}

impl PatternWriter {
    /// `None` for a pattern this engine cannot parse (look-arounds,
    /// back-references); callers then fall back to other candidates.
    pub(super) fn new(pattern: &str) -> Option<Self> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        let generator = rand_regex::Regex::with_hir(tame(hir), EXTRA_REPEATS).ok()?;
        Some(Self { generator })
    }

    pub(super) fn write(&self, rng: &mut ChaCha8Rng) -> String {
        rng.sample(&self.generator)
    }
}

fn tame(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Class(Class::Unicode(class)) => Hir::class(Class::Unicode(readable(class))),
        HirKind::Class(Class::Bytes(class)) => Hir::class(Class::Bytes(readable_bytes(class))),
        HirKind::Repetition(repetition) => Hir::repetition(bounded(repetition)),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(tame(*capture.sub)),
            ..capture
        }),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(tame).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.into_iter().map(tame).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
    }
}

fn bounded(repetition: Repetition) -> Repetition {
    let ceiling = repetition.min.saturating_add(EXTRA_REPEATS);
    let max = repetition.max.map_or(ceiling, |max| max.min(ceiling));
    Repetition {
        max: Some(max),
        sub: Box::new(tame(*repetition.sub)),
        ..repetition
    }
}

/// The class narrowed to letters and digits, else to printable ASCII, else
/// left as it is.
fn readable(class: ClassUnicode) -> ClassUnicode {
    let alphanumeric = ClassUnicode::new([
        ClassUnicodeRange::new('0', '9'),
        ClassUnicodeRange::new('A', 'Z'),
        ClassUnicodeRange::new('a', 'z'),
    ]);
    let printable = ClassUnicode::new([ClassUnicodeRange::new(' ', '~')]);
    for narrower in [alphanumeric, printable] {
        let mut narrowed = class.clone();
        narrowed.intersect(&narrower);
        if !narrowed.ranges().is_empty() {
            return narrowed;
        }
    }
    class
}

fn readable_bytes(class: ClassBytes) -> ClassBytes {
    let mut narrowed = class.clone();
    narrowed.intersect(&ClassBytes::new([ClassBytesRange::new(b' ', b'~')]));
    if narrowed.ranges().is_empty() {
        class
    } else {
        narrowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn write(pattern: &str, seed: u64) -> String {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        PatternWriter::new(pattern)
            .expect("pattern compiles")
            .write(&mut rng)
    }

    #[test]
    fn writes_a_code_of_capitals_and_digits_for_an_anchored_class() {
        let code = write("^[A-Z0-9]{6}$", 1);
        assert_eq!(code.len(), 6);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
    }

    #[test]
    fn keeps_a_literal_prefix_and_ascii_digits_for_backslash_d() {
        let order = write(r"^ORD-\d{5}$", 2);
        assert!(order.starts_with("ORD-"), "{order}");
        assert_eq!(order.len(), 9);
        assert!(order[4..].chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn caps_an_open_repetition_a_few_past_its_minimum() {
        for seed in 0..20 {
            let word = write(".+", seed);
            assert!((1..=5).contains(&word.chars().count()), "{word}");
            assert!(word.chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn declines_a_pattern_with_a_look_ahead() {
        assert!(PatternWriter::new("^(?=.*[0-9]).{8}$").is_none());
    }
}
