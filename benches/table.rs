//! The projects table with ten thousand rows in one page: is a frame still as cheap as with ten?
//!
//! Runs the real table widget (`ccr_desk::ui::projects_table_ui`) in `egui_kittest`'s harness (no
//! GPU; layout and tessellation are what is measured) and times frames. The peer, measured in the
//! same run, is the same table with 10 rows; a naive `egui::Grid` that lays out every row shows
//! what the table avoids. Prints medians of several rounds and the ratio 10 000 / 10 rows.

#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use ccr_desk::api::models::{Project, Timestamp};
use ccr_desk::ui::multi_select::{Marks, RowSelection};
use ccr_desk::ui::projects_table_ui;
use egui_kittest::Harness;

const FRAMES_PER_ROUND: usize = 60;
const ROUNDS: usize = 7;

fn projects(count: usize) -> Vec<Project> {
    (0..count)
        .map(|n| Project {
            project_name: format!("project-{n:05}"),
            is_public: n % 3 == 0,
            quota: Some(if n % 4 == 0 { -1 } else { 10 << 30 }),
            storage_used: Some(i64::try_from(n % 9000).unwrap_or(0)),
            created_at: Some(Timestamp::parse("2024-03-01 10:00:00")),
            updated_at: Some(Timestamp::parse("2024-05-02 11:30:00")),
            ..Project::default()
        })
        .collect()
}

/// Median time of one frame, over `ROUNDS` rounds of `FRAMES_PER_ROUND` frames.
fn median_frame(mut app: impl FnMut(&mut egui::Ui) + 'static) -> Duration {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui(move |ui| app(ui));
    harness.step();
    let mut rounds: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..FRAMES_PER_ROUND {
                harness.step();
            }
            started.elapsed() / u32::try_from(FRAMES_PER_ROUND).unwrap_or(1)
        })
        .collect();
    rounds.sort();
    rounds[ROUNDS / 2]
}

fn table(count: usize) -> Duration {
    let items = projects(count);
    median_frame(move |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            let marks = Marks::default();
            let selection = RowSelection {
                cursor: Some("project-00003"),
                marks: &marks,
            };
            let _ = projects_table_ui(ui, &items, selection, None, None);
        });
    })
}

fn naive_grid(count: usize) -> Duration {
    let items = projects(count);
    median_frame(move |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("naive").striped(true).show(ui, |ui| {
                    for project in &items {
                        ui.label(&project.project_name);
                        ui.label(if project.is_public {
                            "Public"
                        } else {
                            "Private"
                        });
                        ui.label(format!("{:?}", project.storage_used));
                        ui.end_row();
                    }
                });
            });
        });
    })
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing and expect speed.
    let small = table(10);
    let large = table(10_000);
    let naive_small = naive_grid(10);
    let naive_large = naive_grid(10_000);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| what | rows | median frame (ms) |");
    println!("|---|---|---|");
    println!("| projects table | 10 | {:.3} |", ms(small));
    println!("| projects table | 10000 | {:.3} |", ms(large));
    println!(
        "| naive grid (every row laid out) | 10 | {:.3} |",
        ms(naive_small)
    );
    println!(
        "| naive grid (every row laid out) | 10000 | {:.3} |",
        ms(naive_large)
    );
    println!(
        "ratio table 10000/10 rows: {:.2}",
        large.as_secs_f64() / small.as_secs_f64()
    );
    println!(
        "ratio naive grid 10000/10 rows: {:.2}",
        naive_large.as_secs_f64() / naive_small.as_secs_f64()
    );
}
