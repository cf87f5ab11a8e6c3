//! Start-up cost of each table newslens loads (one thread, in order).
use std::time::Instant;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let d = newslens::analyze::entity::Dictionary::builtin()?;
    println!("dictionary {:?}", t.elapsed());
    let t = Instant::now();
    let a = newslens::analyze::Analyzer::new(d, Default::default())?;
    println!("analyzer (tagger, stopwords) {:?}", t.elapsed());
    let t = Instant::now();
    let p = newslens::analyze::segment::ChineseSegmenter::plain();
    println!("plain jieba {:?}", t.elapsed());
    drop(p);
    println!(
        "user words {}",
        a.dictionary().alias_names().count()
            + newslens::analyze::segment::builtin_lexicon().count()
    );
    let t = Instant::now();
    a.segmenter();
    println!("segmenter {:?}", t.elapsed());
    let t = Instant::now();
    let idf = newslens::analyze::keywords::IdfTable::builtin();
    println!(
        "idf (compiled in) {:?}: {} words, median {}, 英伟达 {}",
        t.elapsed(),
        idf.len(),
        idf.median(),
        idf.idf("英伟达")
    );
    Ok(())
}
