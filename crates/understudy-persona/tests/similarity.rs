//! Near-duplicates: the offline writer keeps descriptions and missions
//! well apart even with a hundred packages over a single tool.

mod common;

use common::{bank, capabilities, run, spec};
use understudy_persona::Language;
use understudy_persona::similarity::{NEAR_DUPLICATE_LIMIT, max_pairwise};

fn highest(
    flow: &understudy_flow::Capabilities,
    packages: usize,
    language: Language,
) -> (f64, f64) {
    let mut asked = spec(packages, 10, 2024);
    asked.language = language;
    let generated = run(flow, &asked).packages;
    let descriptions: Vec<&str> = generated
        .iter()
        .map(|p| p.persona_description.as_str())
        .collect();
    let missions: Vec<&str> = generated.iter().map(|p| p.mission.as_str()).collect();
    (max_pairwise(&descriptions).0, max_pairwise(&missions).0)
}

#[test]
fn a_hundred_packages_stay_below_the_near_duplicate_limit() {
    for language in Language::ALL {
        for flow in [bank(), capabilities(Vec::new())] {
            for packages in [20, 100] {
                let (descriptions, missions) = highest(&flow, packages, language);
                println!(
                    "{} tools={} n={packages}: descriptions {descriptions:.3}, missions {missions:.3}",
                    language.code(),
                    flow.tools().count()
                );
                assert!(descriptions < NEAR_DUPLICATE_LIMIT, "{descriptions}");
                assert!(missions < NEAR_DUPLICATE_LIMIT, "{missions}");
            }
        }
    }
}
