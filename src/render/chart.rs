//! Charts of [`Trends`]: a line per query over the periods, drawn with plotters as SVG, and
//! rasterised to PNG with resvg and the system's fonts. Labels are text in the SVG (any
//! viewer draws Chinese with its own fonts); a PNG needs a font on this machine that has every
//! character of its labels, else a clear error names the characters and what to install.

use std::path::Path;

use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::index::Trends;

/// Chart size in pixels.
const SIZE: (u32, u32) = (960, 540);

/// The font families asked for, in order: CJK families first, then any sans-serif.
const FONT: &str = "Noto Sans CJK SC, WenQuanYi Micro Hei, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

/// `trends` as an SVG chart.
pub fn trends_svg(trends: &Trends) -> Result<String> {
    svg(trends).map_err(|reason| chart_error(Path::new("-"), reason))
}

fn chart_error(path: &Path, reason: String) -> Error {
    Error::Chart {
        path: path.to_path_buf(),
        reason,
    }
}

fn svg(trends: &Trends) -> std::result::Result<String, String> {
    let mut svg = String::new();
    draw(trends, &mut svg).map_err(|e| e.to_string())?;
    Ok(svg)
}

/// Writes `trends` as a chart to `path`: SVG for `.svg`, PNG for `.png`.
pub fn write_trends_chart(trends: &Trends, path: &Path) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("svg") => svg(trends).map(String::into_bytes),
        Some("png") => svg(trends).and_then(|svg| png(&svg, &labels(trends))),
        _ => Err("a chart is written as .svg or .png".to_string()),
    }
    .map_err(|reason| chart_error(path, reason))?;
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Every text the chart shows (its labels: queries, periods, the caption).
fn labels(trends: &Trends) -> String {
    let mut all = caption(trends);
    for s in &trends.series {
        all.push_str(&s.query);
    }
    for p in &trends.periods {
        all.push_str(&p.label);
    }
    all
}

fn caption(trends: &Trends) -> String {
    format!("Articles per {}", trends.by.as_str())
}

/// Draws the chart into `svg`.
fn draw(trends: &Trends, svg: &mut String) -> std::result::Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let n = trends.periods.len().max(1);
    let top = trends
        .series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut chart = ChartBuilder::on(&root)
        .margin(20)
        .caption(caption(trends), (FONT, 24))
        .x_label_area_size(60)
        .y_label_area_size(50)
        .build_cartesian_2d(0..n - 1, 0u64..top + top / 10 + 1)?;
    let periods = &trends.periods;
    chart
        .configure_mesh()
        .x_labels(n.min(12))
        .x_label_formatter(&|i| periods.get(*i).map(|p| p.label.clone()).unwrap_or_default())
        .y_desc("articles")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for (k, series) in trends.series.iter().enumerate() {
        let color = Palette99::pick(k).to_rgba();
        let points: Vec<(usize, u64)> = series.counts.iter().copied().enumerate().collect();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))?
            .label(format!("{} ({})", series.query, series.total))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        chart.draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 3, color.filled())),
        )?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 16))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .draw()?;
    root.present()?;
    Ok(())
}

/// `svg` rasterised to PNG bytes with the system's fonts, after checking that they have every
/// character of `text`.
fn png(svg: &str, text: &str) -> std::result::Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let db = options.fontdb.clone();
    let missing = missing_characters(&db, text);
    if !missing.is_empty() {
        return Err(format!(
            "no font on this machine draws {missing} for a PNG chart: install one with Chinese \
             characters (Debian: apt-get install fonts-noto-cjk or fonts-wqy-microhei), or write \
             an .svg chart, which viewers draw with their own fonts"
        ));
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| "empty image".to_string())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The characters of `text` (not spaces) that no font of `db` has, in order, each once.
fn missing_characters(db: &resvg::usvg::fontdb::Database, text: &str) -> String {
    use skrifa::MetadataProvider;
    let mut wanted: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    for face in db.faces() {
        if wanted.is_empty() {
            break;
        }
        db.with_face_data(face.id, |data, index| {
            if let Ok(font) = skrifa::FontRef::from_index(data, index) {
                let charmap = font.charmap();
                wanted.retain(|&c| charmap.map(c).is_none());
            }
        });
    }
    let mut missing = String::new();
    for c in text.chars() {
        if wanted.contains(&c) && !missing.contains(c) {
            missing.push(c);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{Period, PeriodRange, Series};

    fn trends() -> Trends {
        Trends {
            by: Period::Month,
            periods: ["2024-01", "2024-02", "2024-03"]
                .iter()
                .map(|m| PeriodRange {
                    label: m.to_string(),
                    start: format!("{m}-01"),
                    end: format!("{m}-28"),
                })
                .collect(),
            series: vec![Series {
                query: "entity:英伟达".to_string(),
                total: 6,
                undated: 0,
                counts: vec![1, 3, 2],
                with: Vec::new(),
            }],
        }
    }

    #[test]
    fn an_svg_chart_holds_its_labels_as_text() {
        let svg = trends_svg(&trends()).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for label in ["entity:英伟达 (6)", "2024-02", "Articles per month"] {
            assert!(svg.contains(label), "{label} missing");
        }
        // The series is drawn 2 px wide: its line through the three points, and its legend mark.
        let wide: Vec<&str> = svg
            .split("<polyline")
            .filter(|p| p.contains(r#"stroke-width="2""#))
            .collect();
        assert_eq!(wide.len(), 2, "{svg}");
        let points = wide[0].split("points=\"").nth(1).unwrap();
        let points = &points[..points.find('"').unwrap()];
        assert_eq!(points.split_whitespace().count(), 3, "{points}");
    }

    #[test]
    fn characters_no_font_draws_are_named() {
        let db = resvg::usvg::fontdb::Database::new();
        assert_eq!(missing_characters(&db, "英伟达 ab"), "英伟达ab");
    }
}
