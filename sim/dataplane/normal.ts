/**
 * The standard normal law to full double precision in both tails: Φ (lower), Q = 1 − Φ (upper,
 * never formed as 1 − Φ), ln Q deep in the tail, and the quantile Φ⁻¹. The lognormal lifetime law
 * (lifetime-law.ts) needs them far out: a connection aged 1000 medians sits at Q ~ 1e-20.
 *
 * Φ and Q: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969), in the form of his ANORM (netlib specfun), as R's pnorm uses it: three rational
 * approximations (|z| ≤ 0.67449, ≤ √32, beyond) and e^{−z²/2} split as e^{−h²/2}·e^{−(z−h)(z+h)/2}
 * with h = z rounded to 1/16, so the exponent is exact. Extended past ANORM's 37.5193 into the
 * subnormal range (Q(38) ≈ 2.9e-316) by scaling with 2⁶⁴ before the last rounding.
 * Φ⁻¹: P. J. Acklam's rational approximation (relative error 1.15e-9) plus one Halley step on Φ.
 */

const SQRT_2PI = 2.5066282746310002; // √(2π)
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const SQRT_32 = 5.656854249492381;
const LN_2POW64 = 64 * Math.LN2;
const TWO_POW_M64 = 2 ** -64;

// Cody's 20-digit coefficients, written as the doubles they round to.
const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283,
  11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598,
  38912.00328609327, 19685.429676859992,
];
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793,
  0.023073441764940174,
];
const Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662];

/** Beyond this |z| the smaller tail is below the least subnormal (5e-324). */
const TAIL_ZERO = 38.58;

/** The factor r(y) of the far tail, Q(y) = e^{−y²/2}·r(y), for y > √32. */
function farTailFactor(y: number): number {
  const xsq = 1 / (y * y);
  let num = P[5]! * xsq;
  let den = xsq;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * xsq;
    den = (den + Q[i]!) * xsq;
  }
  return (INV_SQRT_2PI - (xsq * (num + P[4]!)) / (den + Q[4]!)) / y;
}

/** The factor r(y) of the middle range, Q(y) = e^{−y²/2}·r(y), for 0.67449 < y ≤ √32. */
function midTailFactor(y: number): number {
  let num = C[8]! * y;
  let den = y;
  for (let i = 0; i < 7; i++) {
    num = (num + C[i]!) * y;
    den = (den + D[i]!) * y;
  }
  return (num + C[7]!) / (den + D[7]!);
}

/** e^{−y²/2}·r, the exponent split so that its large part is exact (y ≥ 0). */
function gaussTimes(y: number, r: number): number {
  const h = Math.trunc(y * 16) / 16;
  const del = (y - h) * (y + h);
  const big = -h * h * 0.5;
  // Below ~ −708 the product is subnormal: round once, at the end.
  if (big < -700) return Math.exp(big + LN_2POW64) * Math.exp(-del * 0.5) * r * TWO_POW_M64;
  return Math.exp(big) * Math.exp(-del * 0.5) * r;
}

/** The smaller of Φ(z), Q(z): the tail beyond |z|, for |z| > 0.67449. */
function smallTail(y: number): number {
  if (y > TAIL_ZERO) return 0;
  return gaussTimes(y, y <= SQRT_32 ? midTailFactor(y) : farTailFactor(y));
}

/** x·(rational) for |z| ≤ 0.67449: Φ(z) = 1/2 + centre(z). */
function centre(z: number): number {
  const xsq = z * z;
  let num = A[4]! * xsq;
  let den = xsq;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * xsq;
    den = (den + B[i]!) * xsq;
  }
  return (z * (num + A[3]!)) / (den + B[3]!);
}

const CENTRE = 0.67448975;

/** Φ(z) = P(Z ≤ z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const y = Math.abs(z);
  if (y <= CENTRE) return 0.5 + centre(z);
  const t = smallTail(y);
  return z < 0 ? t : 1 - t;
}

/** Q(z) = P(Z > z) = Φ(−z), without the cancellation of 1 − Φ(z). */
export function normalTail(z: number): number {
  return normalCdf(-z);
}

/** ln Q(z), finite however far out z is (Q itself underflows past 38.6). */
export function logNormalTail(z: number): number {
  if (z <= SQRT_32) return Math.log(normalTail(z));
  if (z === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  return -0.5 * z * z + Math.log(farTailFactor(z));
}

// Acklam's coefficients.
const AA = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const AB = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const AC = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const AD = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's approximation for p ≤ 1/2. */
function acklamLower(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((AC[0]! * q + AC[1]!) * q + AC[2]!) * q + AC[3]!) * q + AC[4]!) * q + AC[5]!) /
      ((((AD[0]! * q + AD[1]!) * q + AD[2]!) * q + AD[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((AA[0]! * r + AA[1]!) * r + AA[2]!) * r + AA[3]!) * r + AA[4]!) * r + AA[5]!) * q) /
    (((((AB[0]! * r + AB[1]!) * r + AB[2]!) * r + AB[3]!) * r + AB[4]!) * r + 1)
  );
}

/** Φ⁻¹(p) for 0 < p ≤ 1/2, refined by one Halley step (cubic: 1e-9 → below Φ's own error). */
function quantileLower(p: number): number {
  const x = acklamLower(p);
  const e = normalCdf(x) - p;
  if (e === 0) return x;
  // u = e/φ(x); e^{x²/2} overflows past |x| ≈ 37.6, where p is subnormal: go through logs.
  const w = 0.5 * x * x;
  const u =
    w < 700 ? e * SQRT_2PI * Math.exp(w) : Math.sign(e) * Math.exp(Math.log(Math.abs(e)) + w + Math.log(SQRT_2PI));
  return x - u / (1 + 0.5 * x * u);
}

/** Φ⁻¹(p): the z with Φ(z) = p; −∞ at 0, +∞ at 1. Above 1/2 it reflects 1 − p, which is exact there. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  return p <= 0.5 ? quantileLower(p) : -quantileLower(1 - p);
}

/** Q⁻¹(q): the z with Q(z) = q, exact for tiny q (it never forms 1 − q). */
export function normalTailQuantile(q: number): number {
  return -normalQuantile(q);
}
