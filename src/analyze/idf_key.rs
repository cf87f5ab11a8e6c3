// Included by `build.rs` as well as compiled into the crate: the build script lays out the IDF
// table with this function and the library looks words up with it, so both must be one code.

/// The 64-bit key of a word in the IDF table (never 0, which marks an empty slot). Words of up
/// to eight bytes (most Chinese words: two or three characters) map one-to-one onto keys; the
/// table keeps the top 48 bits of each.
pub fn idf_key(word: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, chunk: &[u8]| {
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        let h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = (word.len() as u64).wrapping_mul(K);
    for chunk in word.chunks(8) {
        h = mix(h, chunk);
    }
    // MurmurHash3's finaliser: the table is indexed by the top bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^= h >> 33;
    h.max(1)
}
