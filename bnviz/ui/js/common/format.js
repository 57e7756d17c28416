// Numbers and words as the server writes them (bnviz/numbers.py, str.format, gettext's
// plurals), spelled the same in the browser: a live readout must read exactly as the rerun's.

// Python's format(x, ".{p}g"), ties to even on the exact binary value as Python rounds.
export function formatG(x, p) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const ax = Math.abs(x);
  let [mant, exp] = ax.toExponential(p - 1).split("e");
  // toExponential rounds an exact tie up; Python rounds it to even.
  const exact = ax.toExponential(Math.min(100, p + 60)).split("e");
  const tail = exact[0].replace(".", "").slice(p);
  if (/^50*$/.test(tail)) {
    const kept = exact[0].replace(".", "").slice(0, p);
    if (Number(kept[kept.length - 1]) % 2 === 0) {
      mant = kept.length > 1 ? kept[0] + "." + kept.slice(1) : kept;
      exp = exact[1];
    }
  }
  const e = Number(exp);
  const digits = mant.replace(".", "");
  let out;
  if (e >= -4 && e < p) {
    if (e >= 0) {
      const intPart = digits.slice(0, e + 1).padEnd(e + 1, "0");
      const frac = digits.slice(e + 1);
      out = frac ? intPart + "." + frac : intPart;
    } else {
      out = "0." + "0".repeat(-e - 1) + digits;
    }
    if (out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  } else {
    let m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    const ae = Math.abs(e);
    out = m + "e" + (e < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
  }
  return sign + out;
}

// Python's format(x, ",.0f") for 1e4 <= |x| < 1e5: half to even, thousands separators.
function formatThousands(x) {
  let r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) {
    const t = Math.trunc(x);
    r = t % 2 === 0 ? t : t + Math.sign(x);
  }
  const sign = r < 0 || Object.is(r, -0) ? "-" : "";
  return sign + Math.abs(r).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// The English marks; a payload sends its language's (Babel's decimal and group symbols).
export const ENGLISH_MARKS = { decimal: ".", group: "," };

// bnviz.numbers.fmt: 3 significant digits in scientific notation for the very large and very
// small, thousands grouped from 10,000, 4 significant digits between; then the language's
// marks = {decimal, group} in place of "." and "," (English when marks is undefined), swapped
// at once as Python's str.translate does (1,317.5 -> 1.317,5).
export function fmt(x, marks) {
  if (x === null || x === undefined) return "?";
  const ax = Math.abs(x);
  let text;
  if (x !== 0 && (ax >= 1e5 || ax < 1e-3)) text = formatG(x, 3);
  else text = ax >= 1e4 ? formatThousands(x) : formatG(x, 4);
  if (!marks || (marks.decimal === "." && marks.group === ",")) return text;
  return text.replace(/[.,]/g, (ch) => (ch === "." ? marks.decimal : marks.group));
}

// A whole number with its thousands grouped, in the language's marks (Python's f"{n:,}"
// translated as bnviz/lessons/common/text.whole does): 1,500 in English, 1.500 in Italian.
export function fmtCount(n, marks) {
  const text = Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return marks && marks.group !== "," ? text.replace(/,/g, marks.group) : text;
}

// A translated template with its {named} placeholders filled (Python's str.format for
// the payload's templates, which hold no other braces).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

// The form of [singular, plural] for n (English's and Italian's rule: one for 1 only).
export function plural(forms, n) {
  return forms[n === 1 ? 0 : 1];
}
