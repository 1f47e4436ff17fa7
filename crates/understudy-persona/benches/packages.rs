//! Planning, offline writing and checking 1, 10, 100 and 1,000 packages
//! for the banking example flow.
//!
//! `bench/micro.sh` runs this and prints the cost per package and its
//! ratio to the cost at 10 packages, so a cost that grows with the number
//! of packages shows.

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use understudy_persona::OfflineWriter;
use understudy_persona::check::check;
use understudy_persona::plan::plan;
use understudy_persona::writer::{UsageMeter, WriteContext};

const COUNTS: [usize; 4] = [1, 10, 100, 1_000];

fn packages(c: &mut Criterion) {
    let capabilities = common::banking();
    let scope = capabilities.scope(None).expect("every job is in scope");

    let mut group = c.benchmark_group("plan");
    for count in COUNTS {
        let spec = common::spec(count);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::from_parameter(count), &spec, |b, spec| {
            b.iter(|| plan(black_box(&scope), spec))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("write");
    for count in COUNTS {
        let spec = common::spec(count);
        let plans = plan(&scope, &spec);
        let usage = UsageMeter::default();
        let context = WriteContext {
            scope: &scope,
            spec: &spec,
            deadline: None,
            usage: &usage,
        };
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::from_parameter(count), &plans, |b, plans| {
            b.iter(|| OfflineWriter.write_packages(context, black_box(plans)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    for count in COUNTS {
        let spec = common::spec(count);
        let usage = UsageMeter::default();
        let context = WriteContext {
            scope: &scope,
            spec: &spec,
            deadline: None,
            usage: &usage,
        };
        let written = OfflineWriter.write_packages(context, &plan(&scope, &spec));
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(count),
            &written,
            |b, written| b.iter(|| check(black_box(written), &scope, &spec)),
        );
    }
    group.finish();
}

criterion_group!(benches, packages);
criterion_main!(benches);
