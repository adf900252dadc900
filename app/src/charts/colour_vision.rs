//! Simulated colour vision, to check in tests that the charts' colours stay apart for readers
//! with the three common forms of colour blindness. Pure functions; only the tests use them.

use plotters::style::RGBColor;

/// A form of colour blindness to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Deficiency {
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

impl Deficiency {
    pub(super) const ALL: [Deficiency; 3] = [
        Deficiency::Protanopia,
        Deficiency::Deuteranopia,
        Deficiency::Tritanopia,
    ];

    /// Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
    /// color vision deficiency", severity 1.0; applied to linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
            Deficiency::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Deficiency::Tritanopia => [
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ],
        }
    }
}

fn to_linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// CIELAB (D65) of a colour given in linear RGB.
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24_389.0 {
            t.cbrt()
        } else {
            (24_389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// `colour` as seen with `deficiency` (or as is, for `None`), in CIELAB.
pub(super) fn simulate(colour: RGBColor, deficiency: Option<Deficiency>) -> [f64; 3] {
    let linear = [
        to_linear(colour.0),
        to_linear(colour.1),
        to_linear(colour.2),
    ];
    let seen = match deficiency {
        None => linear,
        Some(deficiency) => {
            let m = deficiency.matrix();
            let row = |i: usize| {
                (m[i][0] * linear[0] + m[i][1] * linear[1] + m[i][2] * linear[2]).clamp(0.0, 1.0)
            };
            [row(0), row(1), row(2)]
        }
    };
    lab(seen)
}

/// The perceptual distance (CIE76 ΔE) between two colours as seen with `deficiency`.
pub(super) fn distance(a: RGBColor, b: RGBColor, deficiency: Option<Deficiency>) -> f64 {
    let (a, b) = (simulate(a, deficiency), simulate(b, deficiency));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}
