// Word-sized byte tricks shared by the tagger, the stopword set and the IDF table. `build.rs`
// includes this file too (to lay out the IDF table with the very `idf_key` the library looks
// words up with), so it holds plain functions only.

/// The high bit of every byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Up to eight bytes as a little-endian `u64`, zero-padded (`bytes.len() <= 8`; more are
/// not read). Two overlapping 4-byte loads instead of a variable-length copy, which compiles to
/// a call and a stalled reload: this is on the hot paths of tagging and stopword lookups.
pub(crate) fn load_le(bytes: &[u8]) -> u64 {
    let n = bytes.len().min(8);
    match n {
        0 => 0,
        // The first four and the last four bytes; where they overlap they agree.
        4.. => {
            let lo = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let hi = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
        // Positions 0, n/2 and n-1 cover every byte of one to three.
        _ => {
            u64::from(bytes[0])
                | u64::from(bytes[n / 2]) << (8 * (n / 2))
                | u64::from(bytes[n - 1]) << (8 * (n - 1))
        }
    }
}

/// For each of the eight bytes of `x`, its high bit set when the byte is ASCII and in
/// `lo..=hi` (`hi` below 0x7F), all other bits clear.
pub(crate) fn ascii_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // With every high bit set first no subtraction borrows across bytes.
    let ge = (x | HIGH_BITS).wrapping_sub(ONES * u64::from(lo)) & HIGH_BITS;
    let gt = (x | HIGH_BITS).wrapping_sub(ONES * u64::from(hi + 1)) & HIGH_BITS;
    !x & HIGH_BITS & ge & !gt
}

/// A set of 65,536 bits (the tagger's start filters, the stopword filter).
pub(crate) type Bits = [u64; 1024];

/// Sets bit `i` of `bits`.
pub(crate) fn set<const N: usize>(bits: &mut [u64; N], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

/// Bit `i` of `bits` (`i` in range: the index is masked to the array, which takes the bounds
/// check off the tagger's hottest loop).
pub(crate) fn get<const N: usize>(bits: &[u64; N], i: usize) -> bool {
    bits[(i / 64) % N] & (1 << (i % 64)) != 0
}

/// The 64-bit key of a word in the IDF table (never 0, which marks an empty slot). Words of up
/// to eight bytes (most Chinese words: two or three characters) map one-to-one onto keys; the
/// table keeps the top 48 bits of each.
pub(crate) fn idf_key(word: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (word.len() as u64).wrapping_mul(K);
    for chunk in word.chunks(8) {
        h = (h ^ load_le(chunk)).wrapping_mul(K);
        h ^= h >> 29;
    }
    // MurmurHash3's finaliser: the table is indexed by the top bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^= h >> 33;
    h.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_le_is_the_zero_padded_bytes() {
        let bytes: Vec<u8> = (1..=12).collect();
        for start in 0..4 {
            for n in 0..=8 {
                let w = &bytes[start..start + n];
                let mut want = [0u8; 8];
                want[..n].copy_from_slice(w);
                assert_eq!(load_le(w), u64::from_le_bytes(want), "{w:?}");
            }
        }
        assert_eq!(load_le(&bytes), load_le(&bytes[..8]));
    }

    #[test]
    fn ascii_in_range_marks_exactly_the_bytes_in_range() {
        for (lo, hi) in [(b'A', b'Z'), (b'a', b'z'), (b'0', b'9'), (b'_', b'_')] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut chunk = [0u8; 8];
                    chunk[at] = b;
                    let m = ascii_in_range(u64::from_le_bytes(chunk), lo, hi);
                    let want = (lo..=hi).contains(&b);
                    assert_eq!(m >> (8 * at + 7) & 1 == 1, want, "{b} in {lo}..={hi}");
                    assert_eq!(m & !(1 << (8 * at + 7)), 0, "only byte {at} may be marked");
                }
            }
        }
    }
}
