//! The pipeline's repair loop: packages that fail their checks go back to
//! a writer that repairs, with the reasons, only those, for at most the
//! rounds allowed; a writer that does not repair is never asked.

mod common;

use std::sync::Mutex;

use async_trait::async_trait;

use common::{bank, block_on, run, spec};
use understudy_persona::pipeline::{GenerateOptions, generate_with};
use understudy_persona::writer::{Rewrite, WriteContext};
use understudy_persona::{
    GenerateError, OfflineWriter, PackagePlan, PersonaPackage, WriteError, Writer,
};

/// Writes offline, but gives the second package the first one's name
/// until it has been asked to rewrite `stubborn` times.
struct Clashing {
    stubborn: usize,
    rewrites: Mutex<Vec<(Vec<usize>, Vec<Vec<String>>)>>,
}

impl Clashing {
    fn new(stubborn: usize) -> Self {
        Clashing {
            stubborn,
            rewrites: Mutex::new(Vec::new()),
        }
    }
}

#[async_trait]
impl Writer for Clashing {
    fn model(&self) -> String {
        "clashing".to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let mut packages = OfflineWriter.write_packages(context, plans);
        packages[1].persona_name = packages[0].persona_name.clone();
        Ok(packages)
    }

    fn repairs(&self) -> bool {
        true
    }

    async fn rewrite(
        &self,
        _context: WriteContext<'_>,
        rewrites: &[Rewrite<'_>],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let mut seen = self.rewrites.lock().unwrap();
        let indices = rewrites.iter().map(|r| r.plan.index).collect();
        let problems = rewrites.iter().map(|r| r.problems.to_vec()).collect();
        seen.push((indices, problems));

        let fixed = seen.len() > self.stubborn;
        Ok(rewrites
            .iter()
            .map(|r| {
                let mut package = r.previous.clone();
                if fixed {
                    package.persona_name = format!("{} Junior", package.persona_name);
                }
                package
            })
            .collect())
    }
}

#[test]
fn rewrites_only_the_later_of_two_packages_that_share_a_name() {
    let flow = bank();
    let scope = flow.scope(None).unwrap();
    let writer = Clashing::new(0);
    let options = GenerateOptions::default();

    let generation = block_on(generate_with(&scope, &spec(4, 2, 3), &writer, options)).unwrap();

    let rewrites = writer.rewrites.lock().unwrap();
    assert_eq!(rewrites.len(), 1);
    let (indices, problems) = &rewrites[0];
    assert_eq!(indices, &[1]);
    let name = &generation.packages[0].persona_name;
    assert_eq!(
        problems[0],
        [format!("personaName `{name}` is also used by package 1")]
    );
    assert_eq!(
        generation.packages[1].persona_name,
        format!("{name} Junior")
    );
}

#[test]
fn fails_the_check_when_the_rounds_run_out() {
    let flow = bank();
    let scope = flow.scope(None).unwrap();
    let writer = Clashing::new(5);
    let options = GenerateOptions {
        repair_rounds: 3,
        ..GenerateOptions::default()
    };

    let error = block_on(generate_with(&scope, &spec(4, 2, 3), &writer, options)).unwrap_err();

    let GenerateError::Check(problems) = error else {
        panic!("expected a check failure");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].package, Some(1));
    assert_eq!(writer.rewrites.lock().unwrap().len(), 3);
}

#[test]
fn the_offline_writer_reports_no_usage_and_no_repair_time() {
    let generation = run(&bank(), &spec(6, 2, 9));

    assert_eq!(generation.usage, None);
    assert_eq!(generation.timings.repair_ms, 0);
}
