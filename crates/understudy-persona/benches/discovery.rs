//! Discovery on synthetic flows of 10, 100 and 1,000 tool nodes.
//!
//! `bench/micro.sh` runs this and prints the cost per tool node.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use understudy_flow::discover;
use understudy_persona::quality::synthetic::synthetic_flow;

fn discovery(c: &mut Criterion) {
    let mut group = c.benchmark_group("discover");
    for tools in [10, 100, 1_000] {
        let document = synthetic_flow(tools, 7);
        group.throughput(Throughput::Elements(tools as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(tools),
            &document,
            |b, document| b.iter(|| discover(black_box(document))),
        );
    }
    group.finish();
}

criterion_group!(benches, discovery);
criterion_main!(benches);
