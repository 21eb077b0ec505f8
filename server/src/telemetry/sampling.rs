//! Which calls are traced, decided before anything is built for them.
//!
//! The SDK's samplers decide when a span is finished, after the tracing
//! span, its fields and the OpenTelemetry span data were all made: with one
//! call in ten kept, nine in ten paid for nothing (a third of the echo rate,
//! docs/PERFORMANCE.md § Telemetry). So the RPC layer decides here, from the
//! same standard variables, and an unsampled call gets no span at all; the
//! spans under it ([`crate::child_span!`]) are made only inside a traced
//! one, and the SDK keeps every span it is given.

use std::cell::Cell;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sampling {
    /// Follow the caller's decision when it sent one (federation only: a
    /// client's trace context is ignored).
    pub parent_based: bool,
    /// Share of the traces started here that are kept, 0 to 1.
    pub ratio: f64,
}

static SAMPLING: OnceLock<Sampling> = OnceLock::new();

impl Sampling {
    /// From `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`; unset, one
    /// trace in ten, parent-based. An unknown sampler is refused rather than
    /// silently replaced.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Sampling, String> {
        let Some(name) = var("OTEL_TRACES_SAMPLER").map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) else {
            return Ok(Sampling { parent_based: true, ratio: super::DEFAULT_SAMPLE_RATIO });
        };
        let ratio = || -> Result<f64, String> {
            match var("OTEL_TRACES_SAMPLER_ARG").map(|arg| arg.trim().to_owned()) {
                None => Ok(1.0),
                Some(arg) => match arg.parse::<f64>() {
                    Ok(ratio) if (0.0..=1.0).contains(&ratio) => Ok(ratio),
                    _ => Err(format!("OTEL_TRACES_SAMPLER_ARG {arg:?} is not a ratio between 0 and 1")),
                },
            }
        };
        Ok(match name.as_str() {
            "always_on" => Sampling { parent_based: false, ratio: 1.0 },
            "always_off" => Sampling { parent_based: false, ratio: 0.0 },
            "traceidratio" => Sampling { parent_based: false, ratio: ratio()? },
            "parentbased_always_on" => Sampling { parent_based: true, ratio: 1.0 },
            "parentbased_always_off" => Sampling { parent_based: true, ratio: 0.0 },
            "parentbased_traceidratio" => Sampling { parent_based: true, ratio: ratio()? },
            other => {
                return Err(format!(
                    "OTEL_TRACES_SAMPLER {other:?} is not one of always_on, always_off, traceidratio, \
                     parentbased_always_on, parentbased_always_off, parentbased_traceidratio"
                ));
            }
        })
    }

    /// Puts this sampling in force for the process (the first call wins).
    pub fn install(self) {
        let _ = SAMPLING.set(self);
    }

    fn decide(&self, parent: Option<bool>) -> bool {
        match parent {
            Some(sampled) if self.parent_based => sampled,
            _ => self.ratio >= 1.0 || (self.ratio > 0.0 && unit_random() < self.ratio),
        }
    }
}

/// Whether a call is traced: `parent` is the calling backend's decision,
/// when it sent a valid trace context. False while tracing is off.
pub fn sampled(parent: Option<bool>) -> bool {
    super::traces_on() && SAMPLING.get().is_some_and(|sampling| sampling.decide(parent))
}

thread_local! {
    static STATE: Cell<u64> = Cell::new({
        let mut seed = [0u8; 8];
        let _ = getrandom::fill(&mut seed);
        u64::from_le_bytes(seed) | 1
    });
}

/// A number in [0, 1) from a per-thread xorshift: sampling needs spread,
/// not secrecy, and a system call per request would cost more than the
/// span it saves.
fn unit_random() -> f64 {
    STATE.with(|state| {
        let mut x = state.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state.set(x);
        (x >> 11) as f64 / (1u64 << 53) as f64
    })
}

/// A span under the current one, made only inside a traced call (or other
/// traced work): storage and bus work outside one makes no orphan traces,
/// and costs a look at the current span.
#[macro_export]
macro_rules! child_span {
    ($target:expr, $($rest:tt)+) => {
        if $crate::telemetry::traces_on() && !::tracing::Span::current().is_disabled() {
            ::tracing::debug_span!(target: $target, $($rest)+)
        } else {
            ::tracing::Span::none()
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(vars: &[(&str, &str)]) -> Result<Sampling, String> {
        Sampling::from_env(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn the_standard_variables_choose_the_sampling() {
        assert_eq!(from(&[]), Ok(Sampling { parent_based: true, ratio: 0.1 }));
        assert_eq!(from(&[("OTEL_TRACES_SAMPLER", "always_on")]), Ok(Sampling { parent_based: false, ratio: 1.0 }));
        assert_eq!(
            from(&[("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"), ("OTEL_TRACES_SAMPLER_ARG", "0.25")]),
            Ok(Sampling { parent_based: true, ratio: 0.25 })
        );
        assert_eq!(from(&[("OTEL_TRACES_SAMPLER", "traceidratio")]), Ok(Sampling { parent_based: false, ratio: 1.0 }));
        let bad_ratio = from(&[("OTEL_TRACES_SAMPLER", "traceidratio"), ("OTEL_TRACES_SAMPLER_ARG", "2")]);
        assert!(bad_ratio.unwrap_err().contains("OTEL_TRACES_SAMPLER_ARG"));
        let unknown = from(&[("OTEL_TRACES_SAMPLER", "jaeger_remote")]).unwrap_err();
        assert!(unknown.contains("jaeger_remote") && unknown.contains("always_on"), "{unknown}");
    }

    #[test]
    fn a_ratio_keeps_about_that_share_and_a_parent_decides_when_followed() {
        let tenth = Sampling { parent_based: true, ratio: 0.1 };
        let kept = (0..100_000).filter(|_| tenth.decide(None)).count();
        assert!((9_000..11_000).contains(&kept), "{kept} of 100,000");
        assert!((0..1000).all(|_| tenth.decide(Some(true))));
        assert!((0..1000).all(|_| !tenth.decide(Some(false))));
        let own = Sampling { parent_based: false, ratio: 0.0 };
        assert!(!own.decide(Some(true)), "not parent-based: its own ratio");
        assert!((0..1000).all(|_| Sampling { parent_based: false, ratio: 1.0 }.decide(None)));
    }
}
