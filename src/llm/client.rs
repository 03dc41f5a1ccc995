//! Sending chat-completions requests to any OpenAI-compatible endpoint: OpenAI, Azure
//! OpenAI (its own URL and `api-key` header, from async-openai's `AzureConfig`), and
//! keyless local servers (Ollama, vLLM, llama.cpp). Retries 429, 5xx, timeouts and dropped
//! connections with exponential backoff and jitter, honouring `Retry-After`. The key lives
//! only in request headers: errors name the endpoint, never the key.

use crate::error::{Error, Result};
use crate::settings::Settings;
use async_openai::config::{AzureConfig, Config, OpenAIConfig};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Where requests go and how they authenticate.
pub struct Endpoint {
    url: String,
    headers: HeaderMap,
    /// The base URL, safe to print.
    pub display: String,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Headers hold the key: never print them.
        write!(f, "Endpoint({})", self.display)
    }
}

impl Endpoint {
    /// The endpoint the settings describe; the key is read from the variable they name.
    pub fn from_settings(s: &Settings) -> Endpoint {
        let key = std::env::var(&s.api_key_env).ok().filter(|k| !k.trim().is_empty());
        let base = s.base_url.clone().unwrap_or_else(|| "https://api.openai.com/v1".into());
        let base = base.trim_end_matches('/').to_string();
        let (url, mut headers) = if s.provider == "azure" || base.contains(".openai.azure.com") {
            let mut cfg =
                AzureConfig::new().with_api_base(&base).with_deployment_id(s.azure_deployment.clone().unwrap_or_else(|| s.model.clone()));
            cfg = cfg.with_api_version(s.azure_api_version.clone());
            if let Some(k) = &key {
                cfg = cfg.with_api_key(k.clone());
            }
            let query: Vec<String> = cfg.query().iter().map(|(k, v)| format!("{k}={v}")).collect();
            (format!("{}?{}", cfg.url("/chat/completions"), query.join("&")), cfg.headers())
        } else {
            let mut cfg = OpenAIConfig::new().with_api_base(&base);
            if let Some(k) = &key {
                cfg = cfg.with_api_key(k.clone());
            }
            let mut headers = cfg.headers();
            if key.is_none() {
                // Local servers need no key; send no empty "Bearer ".
                headers.remove(AUTHORIZATION);
            }
            (cfg.url("/chat/completions"), headers)
        };
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Endpoint { url, headers, display: base }
    }
}

/// Why a request failed for good.
#[derive(Debug)]
pub enum SendError {
    /// The server answered with an error status (after retries, for retryable ones).
    Status { status: StatusCode, body: String },
    /// No answer: refused, reset, timed out.
    Transport(String),
}

impl SendError {
    /// As the library error a user sees: the endpoint and what happened.
    pub fn into_error(self, endpoint: &Endpoint) -> Error {
        let reason = match self {
            SendError::Status { status, body } => format!("HTTP {status}: {}", crate::text::quote(&body, 300)),
            SendError::Transport(t) => t,
        };
        Error::Endpoint { endpoint: endpoint.display.clone(), reason }
    }
}

/// An HTTP client for one endpoint with a retry policy.
pub struct Client {
    http: reqwest::Client,
    pub endpoint: Endpoint,
    max_retries: u32,
    base_delay: Duration,
    /// Retries made so far (all requests).
    pub retries: AtomicU64,
}

impl Client {
    pub fn new(s: &Settings) -> Result<Client> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(s.timeout_secs))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| Error::Engine(format!("cannot start the HTTP client: {e}")))?;
        Ok(Client {
            http,
            endpoint: Endpoint::from_settings(s),
            max_retries: s.max_retries,
            base_delay: Duration::from_millis(s.retry_base_ms),
            retries: AtomicU64::new(0),
        })
    }

    /// POSTs one chat-completions body and returns the response body.
    pub async fn send(&self, body: &[u8]) -> std::result::Result<String, SendError> {
        let mut attempt = 0;
        loop {
            let sent = self.http.post(&self.endpoint.url).headers(self.endpoint.headers.clone()).body(body.to_vec()).send().await;
            let wait = match sent {
                Ok(resp) if resp.status().is_success() => {
                    return resp.text().await.map_err(|e| SendError::Transport(describe(&e)));
                }
                Ok(resp) => {
                    let status = resp.status();
                    let retry_after = retry_after(resp.headers());
                    let body = resp.text().await.unwrap_or_default();
                    if !retryable(status) || attempt >= self.max_retries {
                        return Err(SendError::Status { status, body });
                    }
                    retry_after.unwrap_or_else(|| self.backoff(attempt))
                }
                Err(e) => {
                    if attempt >= self.max_retries {
                        return Err(SendError::Transport(describe(&e)));
                    }
                    self.backoff(attempt)
                }
            };
            self.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Exponential backoff with up to 50% jitter, capped at 30 s.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.base_delay.saturating_mul(1 << attempt.min(10));
        let jitter = base.mul_f64(jitter_fraction() * 0.5);
        (base + jitter).min(Duration::from_secs(30))
    }
}

fn retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::REQUEST_TIMEOUT || status.is_server_error()
}

/// `Retry-After` in seconds (or an HTTP date), capped at two minutes.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let secs = match v.parse::<f64>() {
        Ok(s) => s,
        Err(_) => {
            let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
            (when.timestamp() - chrono::Utc::now().timestamp()) as f64
        }
    };
    Some(Duration::from_secs_f64(secs.clamp(0.0, 120.0)))
}

/// A transport error described without the request (headers never appear; the URL is
/// the endpoint, which the caller names anyway).
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "the request timed out".into()
    } else if e.is_connect() {
        format!("cannot connect ({})", std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_else(|| "connection failed".into()))
    } else {
        let text = e.to_string();
        // reqwest names the URL; keep only what follows it.
        format!("the connection failed ({})", text.rsplit_once(": ").map_or(text.as_str(), |(_, t)| t))
    }
}

/// A number in [0, 1) that differs between calls: jitter needs no reproducibility.
fn jitter_fraction() -> f64 {
    static SEED: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos() as u64);
    let mut x = SEED.fetch_add(nanos | 1, Ordering::Relaxed) ^ nanos;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x % 10_000) as f64 / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_after_seconds() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("9999"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(120)));
    }

    #[test]
    fn keyless_local_endpoint_sends_no_authorization() {
        let s = Settings {
            base_url: Some("http://127.0.0.1:11434/v1/".into()),
            api_key_env: "SCOPE_TEST_NO_SUCH_KEY".into(),
            ..Settings::default()
        };
        let e = Endpoint::from_settings(&s);
        assert_eq!(e.url, "http://127.0.0.1:11434/v1/chat/completions");
        assert!(e.headers.get(AUTHORIZATION).is_none());
        assert_eq!(format!("{e:?}"), "Endpoint(http://127.0.0.1:11434/v1)");
    }

    #[test]
    fn azure_endpoint_uses_deployment_and_api_version() {
        let s = Settings {
            base_url: Some("https://acme.openai.azure.com".into()),
            azure_deployment: Some("gpt4o-prod".into()),
            api_key_env: "SCOPE_TEST_NO_SUCH_KEY".into(),
            ..Settings::default()
        };
        let e = Endpoint::from_settings(&s);
        assert!(
            e.url.starts_with("https://acme.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version="),
            "{}",
            e.url
        );
    }
}
