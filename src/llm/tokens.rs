//! Token counting with tiktoken-rs, the encoding chosen by model family: `o200k_base` for
//! current OpenAI models and as the default, `cl100k_base` for GPT-4/3.5-era models.

use tiktoken_rs::{CoreBPE, cl100k_base_singleton, o200k_base_singleton};

fn encoding(model: &str) -> &'static CoreBPE {
    let m = model.to_ascii_lowercase();
    if m.starts_with("gpt-4-") || m == "gpt-4" || m.starts_with("gpt-3.5") || m.contains("text-embedding") {
        cl100k_base_singleton()
    } else {
        o200k_base_singleton()
    }
}

/// Tokens in `text` for `model`.
pub fn count(model: &str, text: &str) -> usize {
    encoding(model).encode_with_special_tokens(text).len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_tokens() {
        let n = super::count("gpt-4o-mini", "Double GPU capacity for online inference in Q4.");
        assert!((8..=14).contains(&n), "{n}");
    }
}
