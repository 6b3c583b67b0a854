//! Benchmarks of the checker (see docs/benchmarks.md for figures):
//! - `inspect_mp4`: a 20 MiB and a 2 GiB video (sparse files) — the cost must not grow with size;
//! - `check_sample`: a full check of each sample packet (real photos, ID-photo decoding);
//! - `wordcount`: a 3000-字 text;
//! - `render`: one sample 推荐表 to PDF/A and to Word, everything one candidate's unit renders, and the
//!   merged 汇总表 of 1 and 50 units (`scripts/bench-render.sh` compares LibreOffice).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jianbao::sample::mp4::{synth_to_file, VideoSpec};

fn inspect_mp4(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("inspect_mp4");
    for (name, bytes) in [("20MiB", 20u64 << 20), ("2GiB", 2u64 << 30)] {
        let path = dir.path().join(format!("{name}.mp4"));
        let mut f = std::fs::File::create(&path).unwrap();
        synth_to_file(&VideoSpec { seconds: 170.0, mdat_bytes: bytes, ..Default::default() }, &mut f)
            .unwrap();
        drop(f);
        assert!(std::fs::metadata(&path).unwrap().len() > bytes);
        group.bench_function(name, |b| {
            b.iter(|| {
                let i = jianbao::media::inspect(black_box(&path), jianbao::media::Options::default());
                assert!(i.video.is_some());
            })
        });
    }
    group.finish();
}

fn check_sample(c: &mut Criterion) {
    let reg = jianbao::profile::Registry::builtin().unwrap();
    let mut group = c.benchmark_group("check_sample");
    group.sample_size(10);
    let dir = tempfile::tempdir().unwrap();
    for id in ["ordos-2021-zuimei", "cast-2018-party-member"] {
        let out = dir.path().join(id);
        let packet = jianbao::sample::write_sample(reg.get(id).unwrap(), &out).unwrap();
        let (loaded, profile) = jianbao::packet::load(&packet, &reg).unwrap();
        let opts = jianbao::check::Options::as_of(loaded.packet.as_of.as_deref());
        group.bench_function(id, |b| {
            b.iter(|| {
                let r = jianbao::check::check(black_box(&loaded), &profile, opts);
                assert_eq!(r.errors(), 0);
            })
        });
    }
    group.finish();
}

fn wordcount(c: &mut Criterion) {
    let text = "科技工作者扎根一线，服务群众，2024年获得3项专利（COVID-19 检测）。".repeat(100);
    c.bench_function("wordcount_3000", |b| b.iter(|| jianbao::wordcount::count(black_box(&text))));
}

fn render(c: &mut Criterion) {
    let reg = jianbao::profile::Registry::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let profile = reg.get("ordos-2021-zuimei").unwrap();
    let packet = jianbao::sample::write_sample(profile, dir.path()).unwrap();
    let (loaded, profile) = jianbao::packet::load(&packet, &reg).unwrap();
    let opts = jianbao::render::RenderOptions::default();
    let doc = jianbao::render::form::candidate_form(&loaded, &profile, &loaded.packet.candidates[0], &opts);
    let date = jianbao::render::pdf::DocDate { year: 2021, month: 5, day: 23 };
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    group.bench_function("recommendation_form_pdf", |b| {
        b.iter(|| jianbao::render::pdf::form_pdf(black_box(&doc), date).unwrap())
    });
    group.bench_function("recommendation_form_docx", |b| {
        b.iter(|| jianbao::render::docx::form_docx(black_box(&doc)).unwrap())
    });
    // Everything one candidate's unit renders: 推荐表 PDF + DOCX, 汇总表 PDF + DOCX + XLSX.
    let mut one = loaded.clone();
    one.packet.candidates.truncate(1);
    group.bench_function("one_candidate_all_forms", |b| {
        b.iter(|| jianbao::render::render_files(black_box(&one), &profile, &opts).unwrap())
    });
    // The merged 汇总表 of 1 and of 50 units (2 candidates each): the cost should grow with the rows.
    for units in [1usize, 50] {
        let packets: Vec<&jianbao::packet::LoadedPacket> = (0..units).map(|_| &loaded).collect();
        let summary = jianbao::render::form::summary(&profile, &packets, &opts).unwrap();
        group.bench_function(format!("summary_pdf/{units}_units"), |b| {
            b.iter(|| jianbao::render::pdf::summary_pdf(black_box(&summary), date).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, inspect_mp4, check_sample, wordcount, render);
criterion_main!(benches);
