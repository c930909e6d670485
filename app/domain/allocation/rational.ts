/**
 * Exact rationals on BigInt, for the allocation rules (no floating point anywhere near money).
 * Kept unreduced except on request: denominators stay small products in practice, and
 * comparisons cross-multiply.
 */
export class Q {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: bigint | number, d: bigint | number = 1n): Q {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError("division by zero");
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    return new Q(nn, dd);
  }

  static readonly ZERO = new Q(0n, 1n);

  add(o: Q): Q {
    return this.d === o.d
      ? new Q(this.n + o.n, this.d)
      : new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q): Q {
    return this.d === o.d
      ? new Q(this.n - o.n, this.d)
      : new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mulInt(k: bigint): Q {
    return new Q(this.n * k, this.d);
  }
  divInt(k: bigint): Q {
    return Q.of(this.n, this.d * k);
  }
  mul(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  cmp(o: Q): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Q) {
    return this.cmp(o) < 0;
  }
  lte(o: Q) {
    return this.cmp(o) <= 0;
  }
  isZero() {
    return this.n === 0n;
  }
  /** Reduced form only once the denominator has grown past 2^96 (gcd is the costly part). */
  tidy(): Q {
    return this.d > BIG ? this.reduce() : this;
  }
  /** Reduced form (gcd), to keep numbers small after many steps. */
  reduce(): Q {
    const g = gcd(this.n < 0n ? -this.n : this.n, this.d);
    return g > 1n ? new Q(this.n / g, this.d / g) : this;
  }
  /** floor(this) */
  floor(): bigint {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  /** Rounded half up to `digits` decimals, as a string ("87.50"). */
  toFixed(digits: number): string {
    const scale = 10n ** BigInt(digits);
    const scaled = (this.n * scale * 2n + this.d) / (this.d * 2n); // half up for non-negatives
    const neg = scaled < 0n;
    const abs = neg ? -scaled : scaled;
    const whole = abs / scale;
    const frac = (abs % scale).toString().padStart(digits, "0");
    return `${neg ? "-" : ""}${whole}${digits ? `.${frac}` : ""}`;
  }
}

const BIG = 1n << 96n;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
