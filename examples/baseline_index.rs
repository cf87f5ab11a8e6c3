//! Baseline for `scripts/bench-index.sh`: a plain tantivy + jieba-rs index of a JSONL file
//! (title and body, jieba `cut` with HMM, lowercased, punctuation dropped, positions), with
//! none of newslens's analysis. Prints `articles bytes seconds`.
//!
//! Usage: cargo run --release --example baseline_index -- FILE.jsonl INDEX_DIR [BATCH]
//! (commits every BATCH articles, default 10,000 like newslens).

use std::io::BufRead;
use std::time::Instant;

use jieba_rs::Jieba;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Index, TantivyDocument};

#[derive(Clone)]
struct JiebaTokenizer(std::sync::Arc<Jieba>);

struct VecStream(Vec<Token>, usize);

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        self.1 += 1;
        self.1 <= self.0.len()
    }
    fn token(&self) -> &Token {
        &self.0[self.1 - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.0[self.1 - 1]
    }
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        let mut out = Vec::new();
        for t in self.0.cut(text, true) {
            if !t.word.chars().any(char::is_alphanumeric) {
                continue;
            }
            out.push(Token {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position: out.len(),
                text: t.word.to_lowercase(),
                position_length: 1,
            });
        }
        VecStream(out, 0)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (input, dir) = (&args[1], &args[2]);
    let batch: usize = args.get(3).and_then(|b| b.parse().ok()).unwrap_or(10_000);
    let started = Instant::now();
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("jieba")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", text.clone());
    let body = b.add_text_field("body", text);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, b.build())?;
    index.tokenizers().register(
        "jieba",
        TextAnalyzer::from(JiebaTokenizer(std::sync::Arc::new(Jieba::new()))),
    );
    let mut writer: tantivy::IndexWriter = index.writer(100_000_000)?;
    let (mut n, mut bytes) = (0usize, 0usize);
    for line in std::io::BufReader::new(std::fs::File::open(input)?).lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let mut d = TantivyDocument::default();
        d.add_text(id, v.get("id").map(|x| x.to_string()).unwrap_or_default());
        d.add_text(title, get("title"));
        let text = get("body");
        bytes += text.len();
        d.add_text(body, text);
        writer.add_document(d)?;
        n += 1;
        if n % batch == 0 {
            writer.commit()?;
        }
    }
    writer.commit()?;
    println!("{n} {bytes} {:.3}", started.elapsed().as_secs_f64());
    Ok(())
}
