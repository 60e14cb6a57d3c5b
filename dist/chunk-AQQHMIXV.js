import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  OUT_OF_FAMILY_NOTE,
  VERDICT_WORD,
  change,
  decimalsFor,
  groupClasses,
  levelText,
  outsideFamily,
  pValue,
  pct,
  pts,
  recallQ,
  recallStatus,
  splitOrder,
  thousands
} from "./chunk-QROKTEVK.js";
import {
  bandName
} from "./chunk-L3YDZWQK.js";
import {
  escapeHtml
} from "./chunk-5UDJ5SI4.js";
import {
  truncateEnd,
  truncateMiddle
} from "./chunk-PQEN5O2V.js";
import {
  LOWER_IS_BETTER
} from "./chunk-TEFQHNLO.js";

// node_modules/d3-array/dist/d3-array.mjs
function ascending(a, b) {
  return a == null || b == null ? NaN : a < b ? -1 : a > b ? 1 : a >= b ? 0 : NaN;
}
function descending(a, b) {
  return a == null || b == null ? NaN : b < a ? -1 : b > a ? 1 : b >= a ? 0 : NaN;
}
function bisector(f) {
  let compare1, compare2, delta;
  if (f.length !== 2) {
    compare1 = ascending;
    compare2 = (d, x) => ascending(f(d), x);
    delta = (d, x) => f(d) - x;
  } else {
    compare1 = f === ascending || f === descending ? f : zero;
    compare2 = f;
    delta = f;
  }
  function left(a, x, lo = 0, hi = a.length) {
    if (lo < hi) {
      if (compare1(x, x) !== 0) return hi;
      do {
        const mid = lo + hi >>> 1;
        if (compare2(a[mid], x) < 0) lo = mid + 1;
        else hi = mid;
      } while (lo < hi);
    }
    return lo;
  }
  function right(a, x, lo = 0, hi = a.length) {
    if (lo < hi) {
      if (compare1(x, x) !== 0) return hi;
      do {
        const mid = lo + hi >>> 1;
        if (compare2(a[mid], x) <= 0) lo = mid + 1;
        else hi = mid;
      } while (lo < hi);
    }
    return lo;
  }
  function center(a, x, lo = 0, hi = a.length) {
    const i = left(a, x, lo, hi - 1);
    return i > lo && delta(a[i - 1], x) > -delta(a[i], x) ? i - 1 : i;
  }
  return { left, center, right };
}
function zero() {
  return 0;
}
function number(x) {
  return x === null ? NaN : +x;
}
var ascendingBisect = bisector(ascending);
var bisectRight = ascendingBisect.right;
var bisectLeft = ascendingBisect.left;
var bisectCenter = bisector(number).center;
var blur2 = Blur2(blurf);
var blurImage = Blur2(blurfImage);
function Blur2(blur) {
  return function(data, rx, ry = rx) {
    if (!((rx = +rx) >= 0)) throw new RangeError("invalid rx");
    if (!((ry = +ry) >= 0)) throw new RangeError("invalid ry");
    let { data: values, width, height } = data;
    if (!((width = Math.floor(width)) >= 0)) throw new RangeError("invalid width");
    if (!((height = Math.floor(height !== void 0 ? height : values.length / width)) >= 0)) throw new RangeError("invalid height");
    if (!width || !height || !rx && !ry) return data;
    const blurx = rx && blur(rx);
    const blury = ry && blur(ry);
    const temp = values.slice();
    if (blurx && blury) {
      blurh(blurx, temp, values, width, height);
      blurh(blurx, values, temp, width, height);
      blurh(blurx, temp, values, width, height);
      blurv(blury, values, temp, width, height);
      blurv(blury, temp, values, width, height);
      blurv(blury, values, temp, width, height);
    } else if (blurx) {
      blurh(blurx, values, temp, width, height);
      blurh(blurx, temp, values, width, height);
      blurh(blurx, values, temp, width, height);
    } else if (blury) {
      blurv(blury, values, temp, width, height);
      blurv(blury, temp, values, width, height);
      blurv(blury, values, temp, width, height);
    }
    return data;
  };
}
function blurh(blur, T, S, w, h) {
  for (let y = 0, n = w * h; y < n; ) {
    blur(T, S, y, y += w, 1);
  }
}
function blurv(blur, T, S, w, h) {
  for (let x = 0, n = w * h; x < w; ++x) {
    blur(T, S, x, x + n, w);
  }
}
function blurfImage(radius) {
  const blur = blurf(radius);
  return (T, S, start, stop, step) => {
    start <<= 2, stop <<= 2, step <<= 2;
    blur(T, S, start + 0, stop + 0, step);
    blur(T, S, start + 1, stop + 1, step);
    blur(T, S, start + 2, stop + 2, step);
    blur(T, S, start + 3, stop + 3, step);
  };
}
function blurf(radius) {
  const radius0 = Math.floor(radius);
  if (radius0 === radius) return bluri(radius);
  const t = radius - radius0;
  const w = 2 * radius + 1;
  return (T, S, start, stop, step) => {
    if (!((stop -= step) >= start)) return;
    let sum = radius0 * S[start];
    const s0 = step * radius0;
    const s1 = s0 + step;
    for (let i = start, j = start + s0; i < j; i += step) {
      sum += S[Math.min(stop, i)];
    }
    for (let i = start, j = stop; i <= j; i += step) {
      sum += S[Math.min(stop, i + s0)];
      T[i] = (sum + t * (S[Math.max(start, i - s1)] + S[Math.min(stop, i + s1)])) / w;
      sum -= S[Math.max(start, i - s0)];
    }
  };
}
function bluri(radius) {
  const w = 2 * radius + 1;
  return (T, S, start, stop, step) => {
    if (!((stop -= step) >= start)) return;
    let sum = radius * S[start];
    const s = step * radius;
    for (let i = start, j = start + s; i < j; i += step) {
      sum += S[Math.min(stop, i)];
    }
    for (let i = start, j = stop; i <= j; i += step) {
      sum += S[Math.min(stop, i + s)];
      T[i] = sum / w;
      sum -= S[Math.max(start, i - s)];
    }
  };
}
var array = Array.prototype;
var slice = array.slice;
var e10 = Math.sqrt(50);
var e5 = Math.sqrt(10);
var e2 = Math.sqrt(2);
function tickSpec(start, stop, count) {
  const step = (stop - start) / Math.max(0, count), power = Math.floor(Math.log10(step)), error = step / Math.pow(10, power), factor = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1;
  let i1, i2, inc;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}
function ticks(start, stop, count) {
  stop = +stop, start = +start, count = +count;
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start, [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const n = i2 - i1 + 1, ticks2 = new Array(n);
  if (reverse) {
    if (inc < 0) for (let i = 0; i < n; ++i) ticks2[i] = (i2 - i) / -inc;
    else for (let i = 0; i < n; ++i) ticks2[i] = (i2 - i) * inc;
  } else {
    if (inc < 0) for (let i = 0; i < n; ++i) ticks2[i] = (i1 + i) / -inc;
    else for (let i = 0; i < n; ++i) ticks2[i] = (i1 + i) * inc;
  }
  return ticks2;
}
function tickIncrement(start, stop, count) {
  stop = +stop, start = +start, count = +count;
  return tickSpec(start, stop, count)[2];
}
function tickStep(start, stop, count) {
  stop = +stop, start = +start, count = +count;
  const reverse = stop < start, inc = reverse ? tickIncrement(stop, start, count) : tickIncrement(start, stop, count);
  return (reverse ? -1 : 1) * (inc < 0 ? 1 / -inc : inc);
}
var shuffle = shuffler(Math.random);
function shuffler(random) {
  return function shuffle2(array2, i0 = 0, i1 = array2.length) {
    let m = i1 - (i0 = +i0);
    while (m) {
      const i = random() * m-- | 0, t = array2[m + i0];
      array2[m + i0] = array2[i + i0];
      array2[i + i0] = t;
    }
    return array2;
  };
}

// node_modules/d3-color/dist/d3-color.mjs
function define(constructor, factory, prototype) {
  constructor.prototype = factory.prototype = prototype;
  prototype.constructor = constructor;
}
function extend(parent, definition) {
  var prototype = Object.create(parent.prototype);
  for (var key in definition) prototype[key] = definition[key];
  return prototype;
}
function Color() {
}
var darker = 0.7;
var brighter = 1 / darker;
var reI = "\\s*([+-]?\\d+)\\s*";
var reN = "\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)\\s*";
var reP = "\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)%\\s*";
var reHex = /^#([0-9a-f]{3,8})$/;
var reRgbInteger = new RegExp(`^rgb\\(${reI},${reI},${reI}\\)$`);
var reRgbPercent = new RegExp(`^rgb\\(${reP},${reP},${reP}\\)$`);
var reRgbaInteger = new RegExp(`^rgba\\(${reI},${reI},${reI},${reN}\\)$`);
var reRgbaPercent = new RegExp(`^rgba\\(${reP},${reP},${reP},${reN}\\)$`);
var reHslPercent = new RegExp(`^hsl\\(${reN},${reP},${reP}\\)$`);
var reHslaPercent = new RegExp(`^hsla\\(${reN},${reP},${reP},${reN}\\)$`);
var named = {
  aliceblue: 15792383,
  antiquewhite: 16444375,
  aqua: 65535,
  aquamarine: 8388564,
  azure: 15794175,
  beige: 16119260,
  bisque: 16770244,
  black: 0,
  blanchedalmond: 16772045,
  blue: 255,
  blueviolet: 9055202,
  brown: 10824234,
  burlywood: 14596231,
  cadetblue: 6266528,
  chartreuse: 8388352,
  chocolate: 13789470,
  coral: 16744272,
  cornflowerblue: 6591981,
  cornsilk: 16775388,
  crimson: 14423100,
  cyan: 65535,
  darkblue: 139,
  darkcyan: 35723,
  darkgoldenrod: 12092939,
  darkgray: 11119017,
  darkgreen: 25600,
  darkgrey: 11119017,
  darkkhaki: 12433259,
  darkmagenta: 9109643,
  darkolivegreen: 5597999,
  darkorange: 16747520,
  darkorchid: 10040012,
  darkred: 9109504,
  darksalmon: 15308410,
  darkseagreen: 9419919,
  darkslateblue: 4734347,
  darkslategray: 3100495,
  darkslategrey: 3100495,
  darkturquoise: 52945,
  darkviolet: 9699539,
  deeppink: 16716947,
  deepskyblue: 49151,
  dimgray: 6908265,
  dimgrey: 6908265,
  dodgerblue: 2003199,
  firebrick: 11674146,
  floralwhite: 16775920,
  forestgreen: 2263842,
  fuchsia: 16711935,
  gainsboro: 14474460,
  ghostwhite: 16316671,
  gold: 16766720,
  goldenrod: 14329120,
  gray: 8421504,
  green: 32768,
  greenyellow: 11403055,
  grey: 8421504,
  honeydew: 15794160,
  hotpink: 16738740,
  indianred: 13458524,
  indigo: 4915330,
  ivory: 16777200,
  khaki: 15787660,
  lavender: 15132410,
  lavenderblush: 16773365,
  lawngreen: 8190976,
  lemonchiffon: 16775885,
  lightblue: 11393254,
  lightcoral: 15761536,
  lightcyan: 14745599,
  lightgoldenrodyellow: 16448210,
  lightgray: 13882323,
  lightgreen: 9498256,
  lightgrey: 13882323,
  lightpink: 16758465,
  lightsalmon: 16752762,
  lightseagreen: 2142890,
  lightskyblue: 8900346,
  lightslategray: 7833753,
  lightslategrey: 7833753,
  lightsteelblue: 11584734,
  lightyellow: 16777184,
  lime: 65280,
  limegreen: 3329330,
  linen: 16445670,
  magenta: 16711935,
  maroon: 8388608,
  mediumaquamarine: 6737322,
  mediumblue: 205,
  mediumorchid: 12211667,
  mediumpurple: 9662683,
  mediumseagreen: 3978097,
  mediumslateblue: 8087790,
  mediumspringgreen: 64154,
  mediumturquoise: 4772300,
  mediumvioletred: 13047173,
  midnightblue: 1644912,
  mintcream: 16121850,
  mistyrose: 16770273,
  moccasin: 16770229,
  navajowhite: 16768685,
  navy: 128,
  oldlace: 16643558,
  olive: 8421376,
  olivedrab: 7048739,
  orange: 16753920,
  orangered: 16729344,
  orchid: 14315734,
  palegoldenrod: 15657130,
  palegreen: 10025880,
  paleturquoise: 11529966,
  palevioletred: 14381203,
  papayawhip: 16773077,
  peachpuff: 16767673,
  peru: 13468991,
  pink: 16761035,
  plum: 14524637,
  powderblue: 11591910,
  purple: 8388736,
  rebeccapurple: 6697881,
  red: 16711680,
  rosybrown: 12357519,
  royalblue: 4286945,
  saddlebrown: 9127187,
  salmon: 16416882,
  sandybrown: 16032864,
  seagreen: 3050327,
  seashell: 16774638,
  sienna: 10506797,
  silver: 12632256,
  skyblue: 8900331,
  slateblue: 6970061,
  slategray: 7372944,
  slategrey: 7372944,
  snow: 16775930,
  springgreen: 65407,
  steelblue: 4620980,
  tan: 13808780,
  teal: 32896,
  thistle: 14204888,
  tomato: 16737095,
  turquoise: 4251856,
  violet: 15631086,
  wheat: 16113331,
  white: 16777215,
  whitesmoke: 16119285,
  yellow: 16776960,
  yellowgreen: 10145074
};
define(Color, color, {
  copy(channels) {
    return Object.assign(new this.constructor(), this, channels);
  },
  displayable() {
    return this.rgb().displayable();
  },
  hex: color_formatHex,
  // Deprecated! Use color.formatHex.
  formatHex: color_formatHex,
  formatHex8: color_formatHex8,
  formatHsl: color_formatHsl,
  formatRgb: color_formatRgb,
  toString: color_formatRgb
});
function color_formatHex() {
  return this.rgb().formatHex();
}
function color_formatHex8() {
  return this.rgb().formatHex8();
}
function color_formatHsl() {
  return hslConvert(this).formatHsl();
}
function color_formatRgb() {
  return this.rgb().formatRgb();
}
function color(format2) {
  var m, l;
  format2 = (format2 + "").trim().toLowerCase();
  return (m = reHex.exec(format2)) ? (l = m[1].length, m = parseInt(m[1], 16), l === 6 ? rgbn(m) : l === 3 ? new Rgb(m >> 8 & 15 | m >> 4 & 240, m >> 4 & 15 | m & 240, (m & 15) << 4 | m & 15, 1) : l === 8 ? rgba(m >> 24 & 255, m >> 16 & 255, m >> 8 & 255, (m & 255) / 255) : l === 4 ? rgba(m >> 12 & 15 | m >> 8 & 240, m >> 8 & 15 | m >> 4 & 240, m >> 4 & 15 | m & 240, ((m & 15) << 4 | m & 15) / 255) : null) : (m = reRgbInteger.exec(format2)) ? new Rgb(m[1], m[2], m[3], 1) : (m = reRgbPercent.exec(format2)) ? new Rgb(m[1] * 255 / 100, m[2] * 255 / 100, m[3] * 255 / 100, 1) : (m = reRgbaInteger.exec(format2)) ? rgba(m[1], m[2], m[3], m[4]) : (m = reRgbaPercent.exec(format2)) ? rgba(m[1] * 255 / 100, m[2] * 255 / 100, m[3] * 255 / 100, m[4]) : (m = reHslPercent.exec(format2)) ? hsla(m[1], m[2] / 100, m[3] / 100, 1) : (m = reHslaPercent.exec(format2)) ? hsla(m[1], m[2] / 100, m[3] / 100, m[4]) : named.hasOwnProperty(format2) ? rgbn(named[format2]) : format2 === "transparent" ? new Rgb(NaN, NaN, NaN, 0) : null;
}
function rgbn(n) {
  return new Rgb(n >> 16 & 255, n >> 8 & 255, n & 255, 1);
}
function rgba(r, g, b, a) {
  if (a <= 0) r = g = b = NaN;
  return new Rgb(r, g, b, a);
}
function rgbConvert(o) {
  if (!(o instanceof Color)) o = color(o);
  if (!o) return new Rgb();
  o = o.rgb();
  return new Rgb(o.r, o.g, o.b, o.opacity);
}
function rgb(r, g, b, opacity) {
  return arguments.length === 1 ? rgbConvert(r) : new Rgb(r, g, b, opacity == null ? 1 : opacity);
}
function Rgb(r, g, b, opacity) {
  this.r = +r;
  this.g = +g;
  this.b = +b;
  this.opacity = +opacity;
}
define(Rgb, rgb, extend(Color, {
  brighter(k) {
    k = k == null ? brighter : Math.pow(brighter, k);
    return new Rgb(this.r * k, this.g * k, this.b * k, this.opacity);
  },
  darker(k) {
    k = k == null ? darker : Math.pow(darker, k);
    return new Rgb(this.r * k, this.g * k, this.b * k, this.opacity);
  },
  rgb() {
    return this;
  },
  clamp() {
    return new Rgb(clampi(this.r), clampi(this.g), clampi(this.b), clampa(this.opacity));
  },
  displayable() {
    return -0.5 <= this.r && this.r < 255.5 && (-0.5 <= this.g && this.g < 255.5) && (-0.5 <= this.b && this.b < 255.5) && (0 <= this.opacity && this.opacity <= 1);
  },
  hex: rgb_formatHex,
  // Deprecated! Use color.formatHex.
  formatHex: rgb_formatHex,
  formatHex8: rgb_formatHex8,
  formatRgb: rgb_formatRgb,
  toString: rgb_formatRgb
}));
function rgb_formatHex() {
  return `#${hex(this.r)}${hex(this.g)}${hex(this.b)}`;
}
function rgb_formatHex8() {
  return `#${hex(this.r)}${hex(this.g)}${hex(this.b)}${hex((isNaN(this.opacity) ? 1 : this.opacity) * 255)}`;
}
function rgb_formatRgb() {
  const a = clampa(this.opacity);
  return `${a === 1 ? "rgb(" : "rgba("}${clampi(this.r)}, ${clampi(this.g)}, ${clampi(this.b)}${a === 1 ? ")" : `, ${a})`}`;
}
function clampa(opacity) {
  return isNaN(opacity) ? 1 : Math.max(0, Math.min(1, opacity));
}
function clampi(value2) {
  return Math.max(0, Math.min(255, Math.round(value2) || 0));
}
function hex(value2) {
  value2 = clampi(value2);
  return (value2 < 16 ? "0" : "") + value2.toString(16);
}
function hsla(h, s, l, a) {
  if (a <= 0) h = s = l = NaN;
  else if (l <= 0 || l >= 1) h = s = NaN;
  else if (s <= 0) h = NaN;
  return new Hsl(h, s, l, a);
}
function hslConvert(o) {
  if (o instanceof Hsl) return new Hsl(o.h, o.s, o.l, o.opacity);
  if (!(o instanceof Color)) o = color(o);
  if (!o) return new Hsl();
  if (o instanceof Hsl) return o;
  o = o.rgb();
  var r = o.r / 255, g = o.g / 255, b = o.b / 255, min = Math.min(r, g, b), max = Math.max(r, g, b), h = NaN, s = max - min, l = (max + min) / 2;
  if (s) {
    if (r === max) h = (g - b) / s + (g < b) * 6;
    else if (g === max) h = (b - r) / s + 2;
    else h = (r - g) / s + 4;
    s /= l < 0.5 ? max + min : 2 - max - min;
    h *= 60;
  } else {
    s = l > 0 && l < 1 ? 0 : h;
  }
  return new Hsl(h, s, l, o.opacity);
}
function hsl(h, s, l, opacity) {
  return arguments.length === 1 ? hslConvert(h) : new Hsl(h, s, l, opacity == null ? 1 : opacity);
}
function Hsl(h, s, l, opacity) {
  this.h = +h;
  this.s = +s;
  this.l = +l;
  this.opacity = +opacity;
}
define(Hsl, hsl, extend(Color, {
  brighter(k) {
    k = k == null ? brighter : Math.pow(brighter, k);
    return new Hsl(this.h, this.s, this.l * k, this.opacity);
  },
  darker(k) {
    k = k == null ? darker : Math.pow(darker, k);
    return new Hsl(this.h, this.s, this.l * k, this.opacity);
  },
  rgb() {
    var h = this.h % 360 + (this.h < 0) * 360, s = isNaN(h) || isNaN(this.s) ? 0 : this.s, l = this.l, m2 = l + (l < 0.5 ? l : 1 - l) * s, m1 = 2 * l - m2;
    return new Rgb(
      hsl2rgb(h >= 240 ? h - 240 : h + 120, m1, m2),
      hsl2rgb(h, m1, m2),
      hsl2rgb(h < 120 ? h + 240 : h - 120, m1, m2),
      this.opacity
    );
  },
  clamp() {
    return new Hsl(clamph(this.h), clampt(this.s), clampt(this.l), clampa(this.opacity));
  },
  displayable() {
    return (0 <= this.s && this.s <= 1 || isNaN(this.s)) && (0 <= this.l && this.l <= 1) && (0 <= this.opacity && this.opacity <= 1);
  },
  formatHsl() {
    const a = clampa(this.opacity);
    return `${a === 1 ? "hsl(" : "hsla("}${clamph(this.h)}, ${clampt(this.s) * 100}%, ${clampt(this.l) * 100}%${a === 1 ? ")" : `, ${a})`}`;
  }
}));
function clamph(value2) {
  value2 = (value2 || 0) % 360;
  return value2 < 0 ? value2 + 360 : value2;
}
function clampt(value2) {
  return Math.max(0, Math.min(1, value2 || 0));
}
function hsl2rgb(h, m1, m2) {
  return (h < 60 ? m1 + (m2 - m1) * h / 60 : h < 180 ? m2 : h < 240 ? m1 + (m2 - m1) * (240 - h) / 60 : m1) * 255;
}
var radians = Math.PI / 180;
var degrees = 180 / Math.PI;
var K = 18;
var Xn = 0.96422;
var Yn = 1;
var Zn = 0.82521;
var t0 = 4 / 29;
var t1 = 6 / 29;
var t2 = 3 * t1 * t1;
var t3 = t1 * t1 * t1;
function labConvert(o) {
  if (o instanceof Lab) return new Lab(o.l, o.a, o.b, o.opacity);
  if (o instanceof Hcl) return hcl2lab(o);
  if (!(o instanceof Rgb)) o = rgbConvert(o);
  var r = rgb2lrgb(o.r), g = rgb2lrgb(o.g), b = rgb2lrgb(o.b), y = xyz2lab((0.2225045 * r + 0.7168786 * g + 0.0606169 * b) / Yn), x, z;
  if (r === g && g === b) x = z = y;
  else {
    x = xyz2lab((0.4360747 * r + 0.3850649 * g + 0.1430804 * b) / Xn);
    z = xyz2lab((0.0139322 * r + 0.0971045 * g + 0.7141733 * b) / Zn);
  }
  return new Lab(116 * y - 16, 500 * (x - y), 200 * (y - z), o.opacity);
}
function lab(l, a, b, opacity) {
  return arguments.length === 1 ? labConvert(l) : new Lab(l, a, b, opacity == null ? 1 : opacity);
}
function Lab(l, a, b, opacity) {
  this.l = +l;
  this.a = +a;
  this.b = +b;
  this.opacity = +opacity;
}
define(Lab, lab, extend(Color, {
  brighter(k) {
    return new Lab(this.l + K * (k == null ? 1 : k), this.a, this.b, this.opacity);
  },
  darker(k) {
    return new Lab(this.l - K * (k == null ? 1 : k), this.a, this.b, this.opacity);
  },
  rgb() {
    var y = (this.l + 16) / 116, x = isNaN(this.a) ? y : y + this.a / 500, z = isNaN(this.b) ? y : y - this.b / 200;
    x = Xn * lab2xyz(x);
    y = Yn * lab2xyz(y);
    z = Zn * lab2xyz(z);
    return new Rgb(
      lrgb2rgb(3.1338561 * x - 1.6168667 * y - 0.4906146 * z),
      lrgb2rgb(-0.9787684 * x + 1.9161415 * y + 0.033454 * z),
      lrgb2rgb(0.0719453 * x - 0.2289914 * y + 1.4052427 * z),
      this.opacity
    );
  }
}));
function xyz2lab(t) {
  return t > t3 ? Math.pow(t, 1 / 3) : t / t2 + t0;
}
function lab2xyz(t) {
  return t > t1 ? t * t * t : t2 * (t - t0);
}
function lrgb2rgb(x) {
  return 255 * (x <= 31308e-7 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055);
}
function rgb2lrgb(x) {
  return (x /= 255) <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
}
function hclConvert(o) {
  if (o instanceof Hcl) return new Hcl(o.h, o.c, o.l, o.opacity);
  if (!(o instanceof Lab)) o = labConvert(o);
  if (o.a === 0 && o.b === 0) return new Hcl(NaN, 0 < o.l && o.l < 100 ? 0 : NaN, o.l, o.opacity);
  var h = Math.atan2(o.b, o.a) * degrees;
  return new Hcl(h < 0 ? h + 360 : h, Math.sqrt(o.a * o.a + o.b * o.b), o.l, o.opacity);
}
function hcl(h, c, l, opacity) {
  return arguments.length === 1 ? hclConvert(h) : new Hcl(h, c, l, opacity == null ? 1 : opacity);
}
function Hcl(h, c, l, opacity) {
  this.h = +h;
  this.c = +c;
  this.l = +l;
  this.opacity = +opacity;
}
function hcl2lab(o) {
  if (isNaN(o.h)) return new Lab(o.l, 0, 0, o.opacity);
  var h = o.h * radians;
  return new Lab(o.l, Math.cos(h) * o.c, Math.sin(h) * o.c, o.opacity);
}
define(Hcl, hcl, extend(Color, {
  brighter(k) {
    return new Hcl(this.h, this.c, this.l + K * (k == null ? 1 : k), this.opacity);
  },
  darker(k) {
    return new Hcl(this.h, this.c, this.l - K * (k == null ? 1 : k), this.opacity);
  },
  rgb() {
    return hcl2lab(this).rgb();
  }
}));
var A = -0.14861;
var B = 1.78277;
var C = -0.29227;
var D = -0.90649;
var E = 1.97294;
var ED = E * D;
var EB = E * B;
var BC_DA = B * C - D * A;
function cubehelixConvert(o) {
  if (o instanceof Cubehelix) return new Cubehelix(o.h, o.s, o.l, o.opacity);
  if (!(o instanceof Rgb)) o = rgbConvert(o);
  var r = o.r / 255, g = o.g / 255, b = o.b / 255, l = (BC_DA * b + ED * r - EB * g) / (BC_DA + ED - EB), bl = b - l, k = (E * (g - l) - C * bl) / D, s = Math.sqrt(k * k + bl * bl) / (E * l * (1 - l)), h = s ? Math.atan2(k, bl) * degrees - 120 : NaN;
  return new Cubehelix(h < 0 ? h + 360 : h, s, l, o.opacity);
}
function cubehelix(h, s, l, opacity) {
  return arguments.length === 1 ? cubehelixConvert(h) : new Cubehelix(h, s, l, opacity == null ? 1 : opacity);
}
function Cubehelix(h, s, l, opacity) {
  this.h = +h;
  this.s = +s;
  this.l = +l;
  this.opacity = +opacity;
}
define(Cubehelix, cubehelix, extend(Color, {
  brighter(k) {
    k = k == null ? brighter : Math.pow(brighter, k);
    return new Cubehelix(this.h, this.s, this.l * k, this.opacity);
  },
  darker(k) {
    k = k == null ? darker : Math.pow(darker, k);
    return new Cubehelix(this.h, this.s, this.l * k, this.opacity);
  },
  rgb() {
    var h = isNaN(this.h) ? 0 : (this.h + 120) * radians, l = +this.l, a = isNaN(this.s) ? 0 : this.s * l * (1 - l), cosh2 = Math.cos(h), sinh2 = Math.sin(h);
    return new Rgb(
      255 * (l + a * (A * cosh2 + B * sinh2)),
      255 * (l + a * (C * cosh2 + D * sinh2)),
      255 * (l + a * (E * cosh2)),
      this.opacity
    );
  }
}));

// node_modules/d3-interpolate/dist/d3-interpolate.mjs
function basis(t12, v0, v1, v2, v3) {
  var t22 = t12 * t12, t32 = t22 * t12;
  return ((1 - 3 * t12 + 3 * t22 - t32) * v0 + (4 - 6 * t22 + 3 * t32) * v1 + (1 + 3 * t12 + 3 * t22 - 3 * t32) * v2 + t32 * v3) / 6;
}
function basis$1(values) {
  var n = values.length - 1;
  return function(t) {
    var i = t <= 0 ? t = 0 : t >= 1 ? (t = 1, n - 1) : Math.floor(t * n), v1 = values[i], v2 = values[i + 1], v0 = i > 0 ? values[i - 1] : 2 * v1 - v2, v3 = i < n - 1 ? values[i + 2] : 2 * v2 - v1;
    return basis((t - i / n) * n, v0, v1, v2, v3);
  };
}
function basisClosed(values) {
  var n = values.length;
  return function(t) {
    var i = Math.floor(((t %= 1) < 0 ? ++t : t) * n), v0 = values[(i + n - 1) % n], v1 = values[i % n], v2 = values[(i + 1) % n], v3 = values[(i + 2) % n];
    return basis((t - i / n) * n, v0, v1, v2, v3);
  };
}
var constant = (x) => () => x;
function linear(a, d) {
  return function(t) {
    return a + t * d;
  };
}
function exponential(a, b, y) {
  return a = Math.pow(a, y), b = Math.pow(b, y) - a, y = 1 / y, function(t) {
    return Math.pow(a + t * b, y);
  };
}
function hue$1(a, b) {
  var d = b - a;
  return d ? linear(a, d > 180 || d < -180 ? d - 360 * Math.round(d / 360) : d) : constant(isNaN(a) ? b : a);
}
function gamma(y) {
  return (y = +y) === 1 ? nogamma : function(a, b) {
    return b - a ? exponential(a, b, y) : constant(isNaN(a) ? b : a);
  };
}
function nogamma(a, b) {
  var d = b - a;
  return d ? linear(a, d) : constant(isNaN(a) ? b : a);
}
var rgb2 = (function rgbGamma(y) {
  var color2 = gamma(y);
  function rgb3(start, end) {
    var r = color2((start = rgb(start)).r, (end = rgb(end)).r), g = color2(start.g, end.g), b = color2(start.b, end.b), opacity = nogamma(start.opacity, end.opacity);
    return function(t) {
      start.r = r(t);
      start.g = g(t);
      start.b = b(t);
      start.opacity = opacity(t);
      return start + "";
    };
  }
  rgb3.gamma = rgbGamma;
  return rgb3;
})(1);
function rgbSpline(spline) {
  return function(colors) {
    var n = colors.length, r = new Array(n), g = new Array(n), b = new Array(n), i, color2;
    for (i = 0; i < n; ++i) {
      color2 = rgb(colors[i]);
      r[i] = color2.r || 0;
      g[i] = color2.g || 0;
      b[i] = color2.b || 0;
    }
    r = spline(r);
    g = spline(g);
    b = spline(b);
    color2.opacity = 1;
    return function(t) {
      color2.r = r(t);
      color2.g = g(t);
      color2.b = b(t);
      return color2 + "";
    };
  };
}
var rgbBasis = rgbSpline(basis$1);
var rgbBasisClosed = rgbSpline(basisClosed);
function numberArray(a, b) {
  if (!b) b = [];
  var n = a ? Math.min(b.length, a.length) : 0, c = b.slice(), i;
  return function(t) {
    for (i = 0; i < n; ++i) c[i] = a[i] * (1 - t) + b[i] * t;
    return c;
  };
}
function isNumberArray(x) {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}
function genericArray(a, b) {
  var nb = b ? b.length : 0, na = a ? Math.min(nb, a.length) : 0, x = new Array(na), c = new Array(nb), i;
  for (i = 0; i < na; ++i) x[i] = value(a[i], b[i]);
  for (; i < nb; ++i) c[i] = b[i];
  return function(t) {
    for (i = 0; i < na; ++i) c[i] = x[i](t);
    return c;
  };
}
function date(a, b) {
  var d = /* @__PURE__ */ new Date();
  return a = +a, b = +b, function(t) {
    return d.setTime(a * (1 - t) + b * t), d;
  };
}
function number2(a, b) {
  return a = +a, b = +b, function(t) {
    return a * (1 - t) + b * t;
  };
}
function object(a, b) {
  var i = {}, c = {}, k;
  if (a === null || typeof a !== "object") a = {};
  if (b === null || typeof b !== "object") b = {};
  for (k in b) {
    if (k in a) {
      i[k] = value(a[k], b[k]);
    } else {
      c[k] = b[k];
    }
  }
  return function(t) {
    for (k in i) c[k] = i[k](t);
    return c;
  };
}
var reA = /[-+]?(?:\d+\.?\d*|\.?\d+)(?:[eE][-+]?\d+)?/g;
var reB = new RegExp(reA.source, "g");
function zero2(b) {
  return function() {
    return b;
  };
}
function one(b) {
  return function(t) {
    return b(t) + "";
  };
}
function string(a, b) {
  var bi = reA.lastIndex = reB.lastIndex = 0, am, bm, bs, i = -1, s = [], q = [];
  a = a + "", b = b + "";
  while ((am = reA.exec(a)) && (bm = reB.exec(b))) {
    if ((bs = bm.index) > bi) {
      bs = b.slice(bi, bs);
      if (s[i]) s[i] += bs;
      else s[++i] = bs;
    }
    if ((am = am[0]) === (bm = bm[0])) {
      if (s[i]) s[i] += bm;
      else s[++i] = bm;
    } else {
      s[++i] = null;
      q.push({ i, x: number2(am, bm) });
    }
    bi = reB.lastIndex;
  }
  if (bi < b.length) {
    bs = b.slice(bi);
    if (s[i]) s[i] += bs;
    else s[++i] = bs;
  }
  return s.length < 2 ? q[0] ? one(q[0].x) : zero2(b) : (b = q.length, function(t) {
    for (var i2 = 0, o; i2 < b; ++i2) s[(o = q[i2]).i] = o.x(t);
    return s.join("");
  });
}
function value(a, b) {
  var t = typeof b, c;
  return b == null || t === "boolean" ? constant(b) : (t === "number" ? number2 : t === "string" ? (c = color(b)) ? (b = c, rgb2) : string : b instanceof color ? rgb2 : b instanceof Date ? date : isNumberArray(b) ? numberArray : Array.isArray(b) ? genericArray : typeof b.valueOf !== "function" && typeof b.toString !== "function" || isNaN(b) ? object : number2)(a, b);
}
function round(a, b) {
  return a = +a, b = +b, function(t) {
    return Math.round(a * (1 - t) + b * t);
  };
}
var degrees2 = 180 / Math.PI;
var identity = {
  translateX: 0,
  translateY: 0,
  rotate: 0,
  skewX: 0,
  scaleX: 1,
  scaleY: 1
};
function decompose(a, b, c, d, e, f) {
  var scaleX, scaleY, skewX;
  if (scaleX = Math.sqrt(a * a + b * b)) a /= scaleX, b /= scaleX;
  if (skewX = a * c + b * d) c -= a * skewX, d -= b * skewX;
  if (scaleY = Math.sqrt(c * c + d * d)) c /= scaleY, d /= scaleY, skewX /= scaleY;
  if (a * d < b * c) a = -a, b = -b, skewX = -skewX, scaleX = -scaleX;
  return {
    translateX: e,
    translateY: f,
    rotate: Math.atan2(b, a) * degrees2,
    skewX: Math.atan(skewX) * degrees2,
    scaleX,
    scaleY
  };
}
var svgNode;
function parseCss(value2) {
  const m = new (typeof DOMMatrix === "function" ? DOMMatrix : WebKitCSSMatrix)(value2 + "");
  return m.isIdentity ? identity : decompose(m.a, m.b, m.c, m.d, m.e, m.f);
}
function parseSvg(value2) {
  if (value2 == null) return identity;
  if (!svgNode) svgNode = document.createElementNS("http://www.w3.org/2000/svg", "g");
  svgNode.setAttribute("transform", value2);
  if (!(value2 = svgNode.transform.baseVal.consolidate())) return identity;
  value2 = value2.matrix;
  return decompose(value2.a, value2.b, value2.c, value2.d, value2.e, value2.f);
}
function interpolateTransform(parse, pxComma, pxParen, degParen) {
  function pop(s) {
    return s.length ? s.pop() + " " : "";
  }
  function translate(xa, ya, xb, yb, s, q) {
    if (xa !== xb || ya !== yb) {
      var i = s.push("translate(", null, pxComma, null, pxParen);
      q.push({ i: i - 4, x: number2(xa, xb) }, { i: i - 2, x: number2(ya, yb) });
    } else if (xb || yb) {
      s.push("translate(" + xb + pxComma + yb + pxParen);
    }
  }
  function rotate(a, b, s, q) {
    if (a !== b) {
      if (a - b > 180) b += 360;
      else if (b - a > 180) a += 360;
      q.push({ i: s.push(pop(s) + "rotate(", null, degParen) - 2, x: number2(a, b) });
    } else if (b) {
      s.push(pop(s) + "rotate(" + b + degParen);
    }
  }
  function skewX(a, b, s, q) {
    if (a !== b) {
      q.push({ i: s.push(pop(s) + "skewX(", null, degParen) - 2, x: number2(a, b) });
    } else if (b) {
      s.push(pop(s) + "skewX(" + b + degParen);
    }
  }
  function scale(xa, ya, xb, yb, s, q) {
    if (xa !== xb || ya !== yb) {
      var i = s.push(pop(s) + "scale(", null, ",", null, ")");
      q.push({ i: i - 4, x: number2(xa, xb) }, { i: i - 2, x: number2(ya, yb) });
    } else if (xb !== 1 || yb !== 1) {
      s.push(pop(s) + "scale(" + xb + "," + yb + ")");
    }
  }
  return function(a, b) {
    var s = [], q = [];
    a = parse(a), b = parse(b);
    translate(a.translateX, a.translateY, b.translateX, b.translateY, s, q);
    rotate(a.rotate, b.rotate, s, q);
    skewX(a.skewX, b.skewX, s, q);
    scale(a.scaleX, a.scaleY, b.scaleX, b.scaleY, s, q);
    a = b = null;
    return function(t) {
      var i = -1, n = q.length, o;
      while (++i < n) s[(o = q[i]).i] = o.x(t);
      return s.join("");
    };
  };
}
var interpolateTransformCss = interpolateTransform(parseCss, "px, ", "px)", "deg)");
var interpolateTransformSvg = interpolateTransform(parseSvg, ", ", ")", ")");
var epsilon2 = 1e-12;
function cosh(x) {
  return ((x = Math.exp(x)) + 1 / x) / 2;
}
function sinh(x) {
  return ((x = Math.exp(x)) - 1 / x) / 2;
}
function tanh(x) {
  return ((x = Math.exp(2 * x)) - 1) / (x + 1);
}
var zoom = (function zoomRho(rho, rho2, rho4) {
  function zoom2(p0, p1) {
    var ux0 = p0[0], uy0 = p0[1], w0 = p0[2], ux1 = p1[0], uy1 = p1[1], w1 = p1[2], dx = ux1 - ux0, dy = uy1 - uy0, d2 = dx * dx + dy * dy, i, S;
    if (d2 < epsilon2) {
      S = Math.log(w1 / w0) / rho;
      i = function(t) {
        return [
          ux0 + t * dx,
          uy0 + t * dy,
          w0 * Math.exp(rho * t * S)
        ];
      };
    } else {
      var d1 = Math.sqrt(d2), b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2 * w0 * rho2 * d1), b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2 * w1 * rho2 * d1), r0 = Math.log(Math.sqrt(b0 * b0 + 1) - b0), r1 = Math.log(Math.sqrt(b1 * b1 + 1) - b1);
      S = (r1 - r0) / rho;
      i = function(t) {
        var s = t * S, coshr0 = cosh(r0), u = w0 / (rho2 * d1) * (coshr0 * tanh(rho * s + r0) - sinh(r0));
        return [
          ux0 + u * dx,
          uy0 + u * dy,
          w0 * coshr0 / cosh(rho * s + r0)
        ];
      };
    }
    i.duration = Math.abs(S) * 1e3 * rho / Math.SQRT2;
    return i;
  }
  zoom2.rho = function(_) {
    var _1 = Math.max(1e-3, +_), _2 = _1 * _1, _4 = _2 * _2;
    return zoomRho(_1, _2, _4);
  };
  return zoom2;
})(Math.SQRT2, 2, 4);
function hsl2(hue) {
  return function(start, end) {
    var h = hue((start = hsl(start)).h, (end = hsl(end)).h), s = nogamma(start.s, end.s), l = nogamma(start.l, end.l), opacity = nogamma(start.opacity, end.opacity);
    return function(t) {
      start.h = h(t);
      start.s = s(t);
      start.l = l(t);
      start.opacity = opacity(t);
      return start + "";
    };
  };
}
var hsl_default = hsl2(hue$1);
var hslLong = hsl2(nogamma);
function hcl2(hue) {
  return function(start, end) {
    var h = hue((start = hcl(start)).h, (end = hcl(end)).h), c = nogamma(start.c, end.c), l = nogamma(start.l, end.l), opacity = nogamma(start.opacity, end.opacity);
    return function(t) {
      start.h = h(t);
      start.c = c(t);
      start.l = l(t);
      start.opacity = opacity(t);
      return start + "";
    };
  };
}
var hcl_default = hcl2(hue$1);
var hclLong = hcl2(nogamma);
function cubehelix2(hue) {
  return (function cubehelixGamma(y) {
    y = +y;
    function cubehelix3(start, end) {
      var h = hue((start = cubehelix(start)).h, (end = cubehelix(end)).h), s = nogamma(start.s, end.s), l = nogamma(start.l, end.l), opacity = nogamma(start.opacity, end.opacity);
      return function(t) {
        start.h = h(t);
        start.s = s(t);
        start.l = l(Math.pow(t, y));
        start.opacity = opacity(t);
        return start + "";
      };
    }
    cubehelix3.gamma = cubehelixGamma;
    return cubehelix3;
  })(1);
}
var cubehelix_default = cubehelix2(hue$1);
var cubehelixLong = cubehelix2(nogamma);

// node_modules/d3-format/dist/d3-format.mjs
function formatDecimal(x) {
  return Math.abs(x = Math.round(x)) >= 1e21 ? x.toLocaleString("en").replace(/,/g, "") : x.toString(10);
}
function formatDecimalParts(x, p) {
  if (!isFinite(x) || x === 0) return null;
  var i = (x = p ? x.toExponential(p - 1) : x.toExponential()).indexOf("e"), coefficient = x.slice(0, i);
  return [
    coefficient.length > 1 ? coefficient[0] + coefficient.slice(2) : coefficient,
    +x.slice(i + 1)
  ];
}
function exponent(x) {
  return x = formatDecimalParts(Math.abs(x)), x ? x[1] : NaN;
}
function formatGroup(grouping, thousands2) {
  return function(value2, width) {
    var i = value2.length, t = [], j = 0, g = grouping[0], length = 0;
    while (i > 0 && g > 0) {
      if (length + g + 1 > width) g = Math.max(1, width - length);
      t.push(value2.substring(i -= g, i + g));
      if ((length += g + 1) > width) break;
      g = grouping[j = (j + 1) % grouping.length];
    }
    return t.reverse().join(thousands2);
  };
}
function formatNumerals(numerals) {
  return function(value2) {
    return value2.replace(/[0-9]/g, function(i) {
      return numerals[+i];
    });
  };
}
var re = /^(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i;
function formatSpecifier(specifier) {
  if (!(match = re.exec(specifier))) throw new Error("invalid format: " + specifier);
  var match;
  return new FormatSpecifier({
    fill: match[1],
    align: match[2],
    sign: match[3],
    symbol: match[4],
    zero: match[5],
    width: match[6],
    comma: match[7],
    precision: match[8] && match[8].slice(1),
    trim: match[9],
    type: match[10]
  });
}
formatSpecifier.prototype = FormatSpecifier.prototype;
function FormatSpecifier(specifier) {
  this.fill = specifier.fill === void 0 ? " " : specifier.fill + "";
  this.align = specifier.align === void 0 ? ">" : specifier.align + "";
  this.sign = specifier.sign === void 0 ? "-" : specifier.sign + "";
  this.symbol = specifier.symbol === void 0 ? "" : specifier.symbol + "";
  this.zero = !!specifier.zero;
  this.width = specifier.width === void 0 ? void 0 : +specifier.width;
  this.comma = !!specifier.comma;
  this.precision = specifier.precision === void 0 ? void 0 : +specifier.precision;
  this.trim = !!specifier.trim;
  this.type = specifier.type === void 0 ? "" : specifier.type + "";
}
FormatSpecifier.prototype.toString = function() {
  return this.fill + this.align + this.sign + this.symbol + (this.zero ? "0" : "") + (this.width === void 0 ? "" : Math.max(1, this.width | 0)) + (this.comma ? "," : "") + (this.precision === void 0 ? "" : "." + Math.max(0, this.precision | 0)) + (this.trim ? "~" : "") + this.type;
};
function formatTrim(s) {
  out: for (var n = s.length, i = 1, i0 = -1, i1; i < n; ++i) {
    switch (s[i]) {
      case ".":
        i0 = i1 = i;
        break;
      case "0":
        if (i0 === 0) i0 = i;
        i1 = i;
        break;
      default:
        if (!+s[i]) break out;
        if (i0 > 0) i0 = 0;
        break;
    }
  }
  return i0 > 0 ? s.slice(0, i0) + s.slice(i1 + 1) : s;
}
var prefixExponent;
function formatPrefixAuto(x, p) {
  var d = formatDecimalParts(x, p);
  if (!d) return prefixExponent = void 0, x.toPrecision(p);
  var coefficient = d[0], exponent2 = d[1], i = exponent2 - (prefixExponent = Math.max(-8, Math.min(8, Math.floor(exponent2 / 3))) * 3) + 1, n = coefficient.length;
  return i === n ? coefficient : i > n ? coefficient + new Array(i - n + 1).join("0") : i > 0 ? coefficient.slice(0, i) + "." + coefficient.slice(i) : "0." + new Array(1 - i).join("0") + formatDecimalParts(x, Math.max(0, p + i - 1))[0];
}
function formatRounded(x, p) {
  var d = formatDecimalParts(x, p);
  if (!d) return x + "";
  var coefficient = d[0], exponent2 = d[1];
  return exponent2 < 0 ? "0." + new Array(-exponent2).join("0") + coefficient : coefficient.length > exponent2 + 1 ? coefficient.slice(0, exponent2 + 1) + "." + coefficient.slice(exponent2 + 1) : coefficient + new Array(exponent2 - coefficient.length + 2).join("0");
}
var formatTypes = {
  "%": (x, p) => (x * 100).toFixed(p),
  "b": (x) => Math.round(x).toString(2),
  "c": (x) => x + "",
  "d": formatDecimal,
  "e": (x, p) => x.toExponential(p),
  "f": (x, p) => x.toFixed(p),
  "g": (x, p) => x.toPrecision(p),
  "o": (x) => Math.round(x).toString(8),
  "p": (x, p) => formatRounded(x * 100, p),
  "r": formatRounded,
  "s": formatPrefixAuto,
  "X": (x) => Math.round(x).toString(16).toUpperCase(),
  "x": (x) => Math.round(x).toString(16)
};
function identity2(x) {
  return x;
}
var map = Array.prototype.map;
var prefixes = ["y", "z", "a", "f", "p", "n", "\xB5", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"];
function formatLocale(locale2) {
  var group = locale2.grouping === void 0 || locale2.thousands === void 0 ? identity2 : formatGroup(map.call(locale2.grouping, Number), locale2.thousands + ""), currencyPrefix = locale2.currency === void 0 ? "" : locale2.currency[0] + "", currencySuffix = locale2.currency === void 0 ? "" : locale2.currency[1] + "", decimal = locale2.decimal === void 0 ? "." : locale2.decimal + "", numerals = locale2.numerals === void 0 ? identity2 : formatNumerals(map.call(locale2.numerals, String)), percent = locale2.percent === void 0 ? "%" : locale2.percent + "", minus = locale2.minus === void 0 ? "\u2212" : locale2.minus + "", nan = locale2.nan === void 0 ? "NaN" : locale2.nan + "";
  function newFormat(specifier, options) {
    specifier = formatSpecifier(specifier);
    var fill = specifier.fill, align = specifier.align, sign = specifier.sign, symbol = specifier.symbol, zero3 = specifier.zero, width = specifier.width, comma = specifier.comma, precision = specifier.precision, trim = specifier.trim, type = specifier.type;
    if (type === "n") comma = true, type = "g";
    else if (!formatTypes[type]) precision === void 0 && (precision = 12), trim = true, type = "g";
    if (zero3 || fill === "0" && align === "=") zero3 = true, fill = "0", align = "=";
    var prefix = (options && options.prefix !== void 0 ? options.prefix : "") + (symbol === "$" ? currencyPrefix : symbol === "#" && /[boxX]/.test(type) ? "0" + type.toLowerCase() : ""), suffix = (symbol === "$" ? currencySuffix : /[%p]/.test(type) ? percent : "") + (options && options.suffix !== void 0 ? options.suffix : "");
    var formatType = formatTypes[type], maybeSuffix = /[defgprs%]/.test(type);
    precision = precision === void 0 ? 6 : /[gprs]/.test(type) ? Math.max(1, Math.min(21, precision)) : Math.max(0, Math.min(20, precision));
    function format2(value2) {
      var valuePrefix = prefix, valueSuffix = suffix, i, n, c;
      if (type === "c") {
        valueSuffix = formatType(value2) + valueSuffix;
        value2 = "";
      } else {
        value2 = +value2;
        var valueNegative = value2 < 0 || 1 / value2 < 0;
        value2 = isNaN(value2) ? nan : formatType(Math.abs(value2), precision);
        if (trim) value2 = formatTrim(value2);
        if (valueNegative && +value2 === 0 && sign !== "+") valueNegative = false;
        valuePrefix = (valueNegative ? sign === "(" ? sign : minus : sign === "-" || sign === "(" ? "" : sign) + valuePrefix;
        valueSuffix = (type === "s" && !isNaN(value2) && prefixExponent !== void 0 ? prefixes[8 + prefixExponent / 3] : "") + valueSuffix + (valueNegative && sign === "(" ? ")" : "");
        if (maybeSuffix) {
          i = -1, n = value2.length;
          while (++i < n) {
            if (c = value2.charCodeAt(i), 48 > c || c > 57) {
              valueSuffix = (c === 46 ? decimal + value2.slice(i + 1) : value2.slice(i)) + valueSuffix;
              value2 = value2.slice(0, i);
              break;
            }
          }
        }
      }
      if (comma && !zero3) value2 = group(value2, Infinity);
      var length = valuePrefix.length + value2.length + valueSuffix.length, padding = length < width ? new Array(width - length + 1).join(fill) : "";
      if (comma && zero3) value2 = group(padding + value2, padding.length ? width - valueSuffix.length : Infinity), padding = "";
      switch (align) {
        case "<":
          value2 = valuePrefix + value2 + valueSuffix + padding;
          break;
        case "=":
          value2 = valuePrefix + padding + value2 + valueSuffix;
          break;
        case "^":
          value2 = padding.slice(0, length = padding.length >> 1) + valuePrefix + value2 + valueSuffix + padding.slice(length);
          break;
        default:
          value2 = padding + valuePrefix + value2 + valueSuffix;
          break;
      }
      return numerals(value2);
    }
    format2.toString = function() {
      return specifier + "";
    };
    return format2;
  }
  function formatPrefix2(specifier, value2) {
    var e = Math.max(-8, Math.min(8, Math.floor(exponent(value2) / 3))) * 3, k = Math.pow(10, -e), f = newFormat((specifier = formatSpecifier(specifier), specifier.type = "f", specifier), { suffix: prefixes[8 + e / 3] });
    return function(value3) {
      return f(k * value3);
    };
  }
  return {
    format: newFormat,
    formatPrefix: formatPrefix2
  };
}
var locale;
var format;
var formatPrefix;
defaultLocale({
  thousands: ",",
  grouping: [3],
  currency: ["$", ""]
});
function defaultLocale(definition) {
  locale = formatLocale(definition);
  format = locale.format;
  formatPrefix = locale.formatPrefix;
  return locale;
}
function precisionFixed(step) {
  return Math.max(0, -exponent(Math.abs(step)));
}
function precisionPrefix(step, value2) {
  return Math.max(0, Math.max(-8, Math.min(8, Math.floor(exponent(value2) / 3))) * 3 - exponent(Math.abs(step)));
}
function precisionRound(step, max) {
  step = Math.abs(step), max = Math.abs(max) - step;
  return Math.max(0, exponent(max) - exponent(step)) + 1;
}

// node_modules/d3-scale/dist/d3-scale.mjs
function initRange(domain, range2) {
  switch (arguments.length) {
    case 0:
      break;
    case 1:
      this.range(domain);
      break;
    default:
      this.range(range2).domain(domain);
      break;
  }
  return this;
}
function constants(x) {
  return function() {
    return x;
  };
}
function number$1(x) {
  return +x;
}
var unit = [0, 1];
function identity$1(x) {
  return x;
}
function normalize(a, b) {
  return (b -= a = +a) ? function(x) {
    return (x - a) / b;
  } : constants(isNaN(b) ? NaN : 0.5);
}
function clamper(a, b) {
  var t;
  if (a > b) t = a, a = b, b = t;
  return function(x) {
    return Math.max(a, Math.min(b, x));
  };
}
function bimap(domain, range2, interpolate) {
  var d0 = domain[0], d1 = domain[1], r0 = range2[0], r1 = range2[1];
  if (d1 < d0) d0 = normalize(d1, d0), r0 = interpolate(r1, r0);
  else d0 = normalize(d0, d1), r0 = interpolate(r0, r1);
  return function(x) {
    return r0(d0(x));
  };
}
function polymap(domain, range2, interpolate) {
  var j = Math.min(domain.length, range2.length) - 1, d = new Array(j), r = new Array(j), i = -1;
  if (domain[j] < domain[0]) {
    domain = domain.slice().reverse();
    range2 = range2.slice().reverse();
  }
  while (++i < j) {
    d[i] = normalize(domain[i], domain[i + 1]);
    r[i] = interpolate(range2[i], range2[i + 1]);
  }
  return function(x) {
    var i2 = bisectRight(domain, x, 1, j) - 1;
    return r[i2](d[i2](x));
  };
}
function copy$1(source, target) {
  return target.domain(source.domain()).range(source.range()).interpolate(source.interpolate()).clamp(source.clamp()).unknown(source.unknown());
}
function transformer$2() {
  var domain = unit, range2 = unit, interpolate$1 = value, transform, untransform, unknown, clamp = identity$1, piecewise2, output, input;
  function rescale() {
    var n = Math.min(domain.length, range2.length);
    if (clamp !== identity$1) clamp = clamper(domain[0], domain[n - 1]);
    piecewise2 = n > 2 ? polymap : bimap;
    output = input = null;
    return scale;
  }
  function scale(x) {
    return x == null || isNaN(x = +x) ? unknown : (output || (output = piecewise2(domain.map(transform), range2, interpolate$1)))(transform(clamp(x)));
  }
  scale.invert = function(y) {
    return clamp(untransform((input || (input = piecewise2(range2, domain.map(transform), number2)))(y)));
  };
  scale.domain = function(_) {
    return arguments.length ? (domain = Array.from(_, number$1), rescale()) : domain.slice();
  };
  scale.range = function(_) {
    return arguments.length ? (range2 = Array.from(_), rescale()) : range2.slice();
  };
  scale.rangeRound = function(_) {
    return range2 = Array.from(_), interpolate$1 = round, rescale();
  };
  scale.clamp = function(_) {
    return arguments.length ? (clamp = _ ? true : identity$1, rescale()) : clamp !== identity$1;
  };
  scale.interpolate = function(_) {
    return arguments.length ? (interpolate$1 = _, rescale()) : interpolate$1;
  };
  scale.unknown = function(_) {
    return arguments.length ? (unknown = _, scale) : unknown;
  };
  return function(t, u) {
    transform = t, untransform = u;
    return rescale();
  };
}
function continuous() {
  return transformer$2()(identity$1, identity$1);
}
function tickFormat(start, stop, count, specifier) {
  var step = tickStep(start, stop, count), precision;
  specifier = formatSpecifier(specifier == null ? ",f" : specifier);
  switch (specifier.type) {
    case "s": {
      var value2 = Math.max(Math.abs(start), Math.abs(stop));
      if (specifier.precision == null && !isNaN(precision = precisionPrefix(step, value2))) specifier.precision = precision;
      return formatPrefix(specifier, value2);
    }
    case "":
    case "e":
    case "g":
    case "p":
    case "r": {
      if (specifier.precision == null && !isNaN(precision = precisionRound(step, Math.max(Math.abs(start), Math.abs(stop))))) specifier.precision = precision - (specifier.type === "e");
      break;
    }
    case "f":
    case "%": {
      if (specifier.precision == null && !isNaN(precision = precisionFixed(step))) specifier.precision = precision - (specifier.type === "%") * 2;
      break;
    }
  }
  return format(specifier);
}
function linearish(scale) {
  var domain = scale.domain;
  scale.ticks = function(count) {
    var d = domain();
    return ticks(d[0], d[d.length - 1], count == null ? 10 : count);
  };
  scale.tickFormat = function(count, specifier) {
    var d = domain();
    return tickFormat(d[0], d[d.length - 1], count == null ? 10 : count, specifier);
  };
  scale.nice = function(count) {
    if (count == null) count = 10;
    var d = domain();
    var i0 = 0;
    var i1 = d.length - 1;
    var start = d[i0];
    var stop = d[i1];
    var prestep;
    var step;
    var maxIter = 10;
    if (stop < start) {
      step = start, start = stop, stop = step;
      step = i0, i0 = i1, i1 = step;
    }
    while (maxIter-- > 0) {
      step = tickIncrement(start, stop, count);
      if (step === prestep) {
        d[i0] = start;
        d[i1] = stop;
        return domain(d);
      } else if (step > 0) {
        start = Math.floor(start / step) * step;
        stop = Math.ceil(stop / step) * step;
      } else if (step < 0) {
        start = Math.ceil(start * step) / step;
        stop = Math.floor(stop * step) / step;
      } else {
        break;
      }
      prestep = step;
    }
    return scale;
  };
  return scale;
}
function linear2() {
  var scale = continuous();
  scale.copy = function() {
    return copy$1(scale, linear2());
  };
  initRange.apply(scale, arguments);
  return linearish(scale);
}
function transformPow(exponent2) {
  return function(x) {
    return x < 0 ? -Math.pow(-x, exponent2) : Math.pow(x, exponent2);
  };
}
function transformSqrt(x) {
  return x < 0 ? -Math.sqrt(-x) : Math.sqrt(x);
}
function transformSquare(x) {
  return x < 0 ? -x * x : x * x;
}
function powish(transform) {
  var scale = transform(identity$1, identity$1), exponent2 = 1;
  function rescale() {
    return exponent2 === 1 ? transform(identity$1, identity$1) : exponent2 === 0.5 ? transform(transformSqrt, transformSquare) : transform(transformPow(exponent2), transformPow(1 / exponent2));
  }
  scale.exponent = function(_) {
    return arguments.length ? (exponent2 = +_, rescale()) : exponent2;
  };
  return linearish(scale);
}
function pow() {
  var scale = powish(transformer$2());
  scale.copy = function() {
    return copy$1(scale, pow()).exponent(scale.exponent());
  };
  initRange.apply(scale, arguments);
  return scale;
}
function sqrt() {
  return pow.apply(null, arguments).exponent(0.5);
}

// src/core/render/html/svg.ts
var COLOURS = {
  regression: "#c62828",
  improvement: "#2e7d32",
  noise: "#757575",
  other: "#bdbdbd",
  base: "#90a4ae",
  head: "#1565c0",
  axis: "#616161",
  grid: "#e0e0e0"
};
function num(x) {
  return String(Math.round(x * 10) / 10);
}
function linear3(domain, range2) {
  return linear2().domain(domain).range(range2);
}
function svgOpen(f, labelId, cls) {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${cls}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${labelId}">`;
}
function xAxis(x, f, ticks2, fmt, title) {
  const y0 = f.height - f.bottom;
  const parts = x.ticks(ticks2).map((t) => {
    const px = num(x(t));
    return `<line class="grid" x1="${px}" x2="${px}" y1="${f.top}" y2="${y0}"/><text class="tick" x="${px}" y="${y0 + 14}" text-anchor="middle">${escapeHtml(fmt(t))}</text>`;
  });
  const mid = num((f.left + f.width - f.right) / 2);
  return `<g class="axis x">${parts.join("")}<line class="domain" x1="${f.left}" x2="${f.width - f.right}" y1="${y0}" y2="${y0}"/><text class="axis-title" x="${mid}" y="${y0 + 32}" text-anchor="middle">${escapeHtml(title)}</text></g>`;
}
function yAxis(y, f, ticks2, fmt, title) {
  const x1 = f.width - f.right;
  const parts = y.ticks(ticks2).map((t) => {
    const py = num(y(t));
    return `<line class="grid" x1="${f.left}" x2="${x1}" y1="${py}" y2="${py}"/><text class="tick" x="${f.left - 6}" y="${py}" dy="0.32em" text-anchor="end">${escapeHtml(fmt(t))}</text>`;
  });
  const mid = num((f.top + f.height - f.bottom) / 2);
  return `<g class="axis y">${parts.join("")}<line class="domain" x1="${f.left}" x2="${f.left}" y1="${f.top}" y2="${f.height - f.bottom}"/><text class="axis-title" transform="translate(12 ${mid}) rotate(-90)" text-anchor="middle">${escapeHtml(title)}</text></g>`;
}
function legend(items, x, y) {
  let at = x;
  const parts = items.map((it) => {
    const mark = it.shape === "rect" ? `<rect x="${at}" y="${y - 8}" width="10" height="10" fill="${it.colour}"/>` : `<circle cx="${at + 5}" cy="${y - 3}" r="5" fill="${it.colour}"/>`;
    const s = `${mark}<text class="legend-text" x="${at + 14}" y="${y}">${escapeHtml(it.label)}</text>`;
    at += 22 + it.label.length * 6.5;
    return s;
  });
  return `<g class="legend">${parts.join("")}</g>`;
}
function pctTick(v) {
  return `${Math.round(v * 1e3) / 10}%`;
}
function figure(id, caption, svg, table, note = "") {
  return `<figure class="chart-figure" id="${id}"><figcaption id="${id}-caption">${caption}</figcaption>${svg}` + (note ? `<p class="note">${note}</p>` : "") + `<details class="data"><summary>The data as a table</summary>${table}</details></figure>`;
}
function dataTable(head, rows, numeric = [], cls = "data-table") {
  const th = head.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ""}>${h}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`).join("");
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

// src/core/render/html/bands.ts
var FRAME = { width: 560, height: 320, left: 56, right: 16, top: 34, bottom: 48 };
function bandTitle(b, many) {
  const ci = b.ci ? `, ${levelText(b.ci.level)} interval on the change` : "";
  return `${bandName(b.min, b.max)} positives (${b.classes} ${many}): base ${pct(b.base)} \u2192 head ${pct(b.head)}, ${change(b.delta, b.ci ?? void 0)}${ci}${b.tooFew ? ", too few to judge" : ""}`;
}
function bandMarks(b, i, step, y, many) {
  const f = FRAME;
  const x0 = f.left + i * step + step * 0.15;
  const w = step * 0.35;
  const title = `<title>${escapeHtml(bandTitle(b, many))}</title>`;
  const bar = (cls, x, v, colour) => `<rect class="bar ${cls}" x="${num(x)}" y="${num(y(v))}" width="${num(w)}" height="${num(y(0) - y(v))}" fill="${colour}">${title}</rect>`;
  let marks = bar("bar-base", x0, b.base, COLOURS.base) + bar("bar-head", x0 + w, b.head, COLOURS.head);
  if (b.ci) {
    const cx = num(x0 + w * 1.5);
    const lo = num(y(Math.max(0, Math.min(1, b.base + b.ci.lo))));
    const hi = num(y(Math.max(0, Math.min(1, b.base + b.ci.hi))));
    marks += `<g class="whisker">${title}<line x1="${cx}" x2="${cx}" y1="${lo}" y2="${hi}"/><line x1="${num(x0 + w * 1.3)}" x2="${num(x0 + w * 1.7)}" y1="${lo}" y2="${lo}"/><line x1="${num(x0 + w * 1.3)}" x2="${num(x0 + w * 1.7)}" y1="${hi}" y2="${hi}"/></g>`;
  }
  const label = `<text class="tick" x="${num(x0 + w)}" y="${f.height - f.bottom + 14}" text-anchor="middle">${escapeHtml(bandName(b.min, b.max))}</text>`;
  return marks + label;
}
function bandsFigure(agg, index, many) {
  const f = FRAME;
  const y = linear3([0, 1], [f.height - f.bottom, f.top]);
  const step = (f.width - f.left - f.right) / Math.max(1, agg.bands.length);
  const marks = agg.bands.map((b, i) => bandMarks(b, i, step, y, many)).join("");
  const id = `bands-${index}`;
  const svg = svgOpen(f, `${id}-caption`, "bands") + yAxis(y, f, 5, pctTick, "macro recall") + `<line class="domain" x1="${f.left}" x2="${f.width - f.right}" y1="${num(y(0))}" y2="${num(y(0))}"/><g class="bars">${marks}</g><text class="axis-title" x="${num((f.left + f.width - f.right) / 2)}" y="${f.height - 8}" text-anchor="middle">positives in base (support band)</text>` + legend(
    [
      { colour: COLOURS.base, label: "base", shape: "rect" },
      { colour: COLOURS.head, label: "head", shape: "rect" }
    ],
    f.left,
    16
  ) + "</svg>";
  const caption = `Macro recall by support band, base against head (${escapeHtml(agg.split)})`;
  const note = agg.interval ? `Whiskers: the interval on the change, drawn from the base value; ${escapeHtml(agg.interval)}.` : "";
  return figure(id, caption, svg, bandsTable(agg, many), note);
}
function bandsTable(agg, many) {
  return dataTable(
    ["positives in base", many, "base", "head", "change [interval]"],
    agg.bands.map((b) => {
      const d = decimalsFor([b.base, b.head]);
      return [
        escapeHtml(bandName(b.min, b.max)),
        thousands(b.classes),
        pct(b.base, d),
        pct(b.head, d),
        escapeHtml(change(b.delta, b.ci ?? void 0, d) + (b.tooFew ? " (too few to judge)" : ""))
      ];
    }),
    [false, true, true, true, true]
  );
}

// src/core/render/html/confusion.ts
var CONFUSION_TOP_K = 25;
function topConfusedClasses(split, k) {
  const pc = split.perClass;
  const C2 = pc.support.length;
  if (C2 <= k) return Array.from({ length: C2 }, (_, i) => i);
  const errors = (i) => pc.fn[i] + pc.fp[i];
  const ranked = Array.from({ length: C2 }, (_, i) => i).sort((a, b) => errors(b) - errors(a) || a - b);
  return ranked.slice(0, k).sort((a, b) => a - b);
}
function confusionCell(split) {
  const cf = split.confusion;
  if (!cf) return null;
  const C2 = split.perClass.support.length;
  if (cf.format === "dense" && cf.counts) {
    const m = cf.counts;
    return (t, p) => m[t * C2 + p];
  }
  const cells = /* @__PURE__ */ new Map();
  for (const [t, p, v] of cf.cells ?? []) cells.set(t * C2 + p, v);
  return (t, p) => t === p ? split.perClass.tp[t] : cells.get(t * C2 + p) ?? 0;
}
var shade = linear2().domain([0, 1]).range(["#f5f9ff", "#0d47a1"]);
function confusionFigure(split, splitName, classes, k = CONFUSION_TOP_K) {
  const cell = confusionCell(split);
  if (!cell) return "";
  const shown = topConfusedClasses(split, k);
  const n = shown.length;
  const size = Math.max(12, Math.min(28, Math.floor(500 / Math.max(1, n))));
  const label = (i) => truncateMiddle(classes[i] ?? `#${i}`, 20);
  const longest = Math.max(1, ...shown.map((i) => Array.from(label(i)).length));
  const left = 16 + Math.ceil(longest * 7.2);
  const top = 30 + Math.ceil(longest * 7.2 * 0.87);
  const f = { width: left + n * size + 20, height: top + n * size + 20, left, right: 20, top, bottom: 20 };
  const name = (i) => escapeHtml(label(i));
  const support = split.perClass.support;
  const rects = [];
  shown.forEach((t, r) => {
    shown.forEach((p, c) => {
      const v = cell(t, p);
      const rate = support[t] > 0 ? v / support[t] : 0;
      const x = f.left + c * size;
      const y = f.top + r * size;
      const title = `true ${classes[t] ?? t}, predicted ${classes[p] ?? p}: ${thousands(v)} of ${thousands(support[t])} (${pct(rate)})`;
      const text = size >= 20 && v > 0 ? `<text class="cell-count" x="${num(x + size / 2)}" y="${num(y + size / 2)}" dy="0.32em" text-anchor="middle" fill="${rate > 0.5 ? "#fff" : "#000"}">${v}</text>` : "";
      rects.push(
        `<g><rect class="cell${t === p ? " diag" : ""}" x="${x}" y="${y}" width="${size}" height="${size}" fill="${shade(rate)}"><title>${escapeHtml(title)}</title></rect>${text}</g>`
      );
    });
  });
  const rowLabels = shown.map(
    (t, r) => `<text class="tick" x="${f.left - 6}" y="${num(f.top + r * size + size / 2)}" dy="0.32em" text-anchor="end">${name(t)}</text>`
  );
  const colLabels = shown.map(
    (p, c) => `<text class="tick" transform="translate(${num(f.left + c * size + size / 2)} ${f.top - 6}) rotate(-60)">${name(p)}</text>`
  );
  const id = "confusion";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${id}-caption"><text class="axis-title" x="4" y="14">rows: true class \xB7 columns: prediction</text>` + rowLabels.join("") + colLabels.join("") + `<g class="cells">${rects.join("")}</g></svg>`;
  const C2 = support.length;
  const caption = `Confusion matrix of the head model (${escapeHtml(splitName)})` + (n < C2 ? `: the ${thousands(n)} classes with the most errors of ${thousands(C2)}` : "") + "; colour: share of the true class";
  return figure(id, caption, svg, confusionTable(shown, cell, classes));
}
function confusionTable(shown, cell, classes) {
  const head = [
    "true \\ predicted",
    ...shown.map((p) => `<bdi>${escapeHtml(truncateMiddle(classes[p] ?? `#${p}`, 60))}</bdi>`)
  ];
  const rows = shown.map((t) => [
    `<bdi>${escapeHtml(truncateMiddle(classes[t] ?? `#${t}`, 60))}</bdi>`,
    ...shown.map((p) => thousands(cell(t, p)))
  ]);
  return dataTable(head, rows, [false, ...shown.map(() => true)]);
}

// src/core/render/html/headline.ts
var LEVEL_COLOUR = { fail: COLOURS.regression, warn: "#ef6c00", ok: COLOURS.head };
var ROW = 22;
function forestRows(headline, gaps) {
  const metric = (m) => truncateEnd(m, 40);
  return [
    ...headline.map((m) => ({
      label: `${truncateEnd(m.split, 30)} \xB7 ${metric(m.metric)}`,
      base: m.base,
      head: m.head,
      delta: m.delta,
      ci: m.ci,
      level: m.level,
      gap: false,
      lowerIsBetter: !m.higherIsBetter || LOWER_IS_BETTER.has(m.metric)
    })),
    ...gaps.map((g) => ({
      label: `gap ${g.gap} \xB7 ${metric(g.metric)}`,
      base: g.base,
      head: g.head,
      delta: g.delta,
      ci: g.ci,
      level: g.level,
      gap: true,
      lowerIsBetter: false
    }))
  ];
}
function span(rows) {
  const ends = rows.flatMap((r) => [r.delta ?? 0, r.ci?.lo ?? 0, r.ci?.hi ?? 0]).map(Math.abs);
  return Math.max(0.02, ...ends) * 1.1;
}
function forestSvg(rows, id) {
  const drawn = rows.filter((r) => r.delta !== null);
  const f = { width: 640, height: 74 + drawn.length * ROW, left: 250, right: 20, top: 10, bottom: 60 };
  const s = span(drawn);
  const x = linear3([-s, s], [f.left, f.width - f.right]).nice();
  const marks = drawn.map((r, i) => {
    const cy = f.top + ROW * i + ROW / 2;
    const colour = LEVEL_COLOUR[r.level];
    const [value2, d] = [r.gap ? pts : pct, decimalsFor([r.base, r.head])];
    const text = `${r.label}: ${value2(r.base, d)} \u2192 ${value2(r.head, d)}, ${change(r.delta, r.ci, d)}`;
    const title = `<title>${escapeHtml(text + (r.lowerIsBetter ? " (lower is better)" : ""))}</title>`;
    const whisker = r.ci ? `<line class="fp-ci" x1="${num(x(r.ci.lo))}" x2="${num(x(r.ci.hi))}" y1="${cy}" y2="${cy}" stroke="${colour}"/>` : "";
    return `<text class="fp-label" x="${f.left - 8}" y="${cy}" dy="0.32em" text-anchor="end">${escapeHtml(r.label)}</text><g class="fp-row">${title}${whisker}<circle class="fp-dot" cx="${num(x(r.delta))}" cy="${cy}" r="4.5" fill="${colour}"/></g>`;
  });
  return svgOpen(f, `${id}-caption`, "forest") + xAxis(
    x,
    f,
    6,
    (v) => `${v > 0 ? "+" : v < 0 ? "\u2212" : ""}${Math.round(Math.abs(v) * 1e3) / 10}`,
    "change, head \u2212 base (percentage points)"
  ) + `<line class="zero" x1="${num(x(0))}" x2="${num(x(0))}" y1="${f.top}" y2="${f.height - f.bottom}"/>` + marks.join("") + legend(
    [
      { colour: LEVEL_COLOUR.fail, label: "fail" },
      { colour: LEVEL_COLOUR.warn, label: "warn" },
      { colour: LEVEL_COLOUR.ok, label: "ok" }
    ],
    f.left,
    f.height - 6
  ) + "</svg>";
}
function headlineFigure(headline, gaps) {
  const rows = forestRows(headline, gaps);
  if (rows.length === 0) return "";
  const table = dataTable(
    ["split \xB7 metric", "base", "head", "change [interval]", "judged"],
    rows.map((r) => {
      const d = decimalsFor([r.base, r.head]);
      const value2 = r.gap ? pts : pct;
      return [
        escapeHtml(r.label + (r.lowerIsBetter ? " (lower is better)" : "")),
        escapeHtml(value2(r.base, d)),
        escapeHtml(value2(r.head, d)),
        escapeHtml(change(r.delta, r.ci, d)),
        r.level
      ];
    }),
    [false, true, true, true, false]
  );
  const id = "headline";
  const caption = "Headline metrics and generalization gaps: change with its interval";
  if (!rows.some((r) => r.delta !== null))
    return `<figure class="chart-figure" id="${id}"><figcaption id="${id}-caption">Headline metrics (no baseline: head only)</figcaption>${table}</figure>`;
  return figure(
    id,
    caption,
    forestSvg(rows, id),
    table,
    "Dot: the change; line: its interval. Gaps are differences between splits, in points: a widening gap is a model fitting its training data more than it generalizes."
  );
}

// src/core/render/html/scatter.ts
function pointKind(c) {
  const s = c.status;
  if (s === "regression" || s === "catastrophic") return "regression";
  if (s === "improvement") return "improvement";
  if (s === "noise") return "noise";
  return "other";
}
var KIND_WORD = {
  regression: "regression",
  improvement: "improvement",
  noise: "within noise",
  other: "other (unchanged, too few, ignored)"
};
function plottedClasses(classes) {
  return classes.filter(
    (c) => c.base !== null && c.head !== null && c.base.support > 0 && c.head.support > 0
  );
}
var FRAME2 = { width: 440, height: 420, left: 56, right: 16, top: 34, bottom: 44 };
function recallFloor(classes) {
  const lowest = Math.min(1, ...classes.flatMap((c) => [c.base.found / c.base.support, c.head.found / c.head.support]));
  return Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
}
function pointTitle(c) {
  return `${c.name} (${c.split}): found ${c.base.found}/${c.base.support} \u2192 ${c.head.found}/${c.head.support}, ${pts(c.delta)}, ${c.status}`;
}
function scatterFigure(split, classes, index, many) {
  const shown = plottedClasses(classes);
  const f = FRAME2;
  const lo = recallFloor(shown);
  const x = linear3([lo, 1], [f.left, f.width - f.right]);
  const y = linear3([lo, 1], [f.height - f.bottom, f.top]);
  const maxSupport = Math.max(1, ...shown.map((c) => c.base.support));
  const r = sqrt().domain([0, maxSupport]).range([2, 14]);
  const order = [...shown].sort((a, b) => b.base.support - a.base.support);
  const points = order.map((c) => {
    const kind = pointKind(c);
    const cx = num(x(c.base.found / c.base.support));
    const cy = num(y(c.head.found / c.head.support));
    return `<circle class="pt pt-${kind}" cx="${cx}" cy="${cy}" r="${num(r(c.base.support))}" fill="${COLOURS[kind]}"><title>${escapeHtml(pointTitle(c))}</title></circle>`;
  });
  const id = `scatter-${index}`;
  const diag = `<line class="diagonal" x1="${num(x(lo))}" y1="${num(y(lo))}" x2="${num(x(1))}" y2="${num(y(1))}"/>`;
  const kinds = ["regression", "improvement", "noise", "other"];
  const svg = svgOpen(f, `${id}-caption`, "scatter") + xAxis(x, f, 5, pctTick, "base recall") + yAxis(y, f, 5, pctTick, "head recall") + diag + `<g class="points">${points.join("")}</g>` + legend(
    kinds.map((k) => ({ colour: COLOURS[k], label: k === "other" ? "other" : KIND_WORD[k] })),
    f.left,
    16
  ) + "</svg>";
  const caption = `Per-${many === "labels" ? "label" : "class"} recall, base against head (${escapeHtml(split)}): ${thousands(shown.length)} ${many}; point area = base support`;
  const left = classes.length - shown.length;
  const note = (lo > 0 ? `Both axes start at ${pctTick(lo)}. ` : "") + (left ? `${thousands(left)} ${many} not drawn: no examples on one side (added, removed or absent from the split).` : "");
  return figure(id, caption, svg, scatterTable(order), note);
}
function scatterTable(rows) {
  return dataTable(
    ["name", "base support", "base recall", "head recall", "judged"],
    rows.map((c) => [
      `<bdi>${escapeHtml(truncateMiddle(c.name, 200))}</bdi>`,
      thousands(c.base.support),
      pct(c.base.found / c.base.support),
      pct(c.head.found / c.head.support),
      escapeHtml(KIND_WORD[pointKind(c)])
    ]),
    [false, true, true, true, false]
  );
}

// src/core/render/html/script.ts
var TABLE_SCRIPT = `(function () {
  var table = document.getElementById('classes');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('class-filter');
  var status = document.getElementById('status-filter');
  var count = document.getElementById('shown-count');
  function key(row, col, type) {
    var cell = row.cells[col];
    if (type !== 'num') return cell.textContent.toLowerCase();
    var v = cell.getAttribute('data-v');
    return v === null || v === '' ? NaN : Number(v);
  }
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var s = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!q || row.cells[0].textContent.toLowerCase().indexOf(q) >= 0) &&
        (!s || (' ' + row.getAttribute('data-status') + ' ').indexOf(' ' + s + ' ') >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length;
  }
  Array.prototype.forEach.call(table.querySelectorAll('th button'), function (button) {
    button.addEventListener('click', function () {
      var th = button.parentNode;
      var col = Number(button.getAttribute('data-col'));
      var type = button.getAttribute('data-type');
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(table.querySelectorAll('th'), function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, col, type), y = key(b, col, type);
        if (type === 'num' && (isNaN(x) || isNaN(y))) return isNaN(x) === isNaN(y) ? 0 : isNaN(x) ? 1 : -1;
        if (type !== 'num') return dir * x.localeCompare(y);
        return x < y ? -dir : x > y ? dir : 0;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  apply();
})();`;

// src/core/render/html/style.ts
var PAGE_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121; margin: 0 auto; max-width: 1180px; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; padding-bottom: 4px; }
.verdict-fail { color: #c62828; } .verdict-warn { color: #ef6c00; } .verdict-pass { color: #2e7d32; }
.reasons { margin: 4px 0; } .sides { color: #616161; font-size: 13px; margin: 4px 0; }
section { clear: both; }
.chart-figure { display: inline-block; vertical-align: top; margin: 8px 24px 16px 0; max-width: 100%; }
.chart-figure figcaption { font-weight: 600; margin-bottom: 4px; max-width: 440px; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 11px; }
svg .grid { stroke: #eeeeee; } svg .domain { stroke: #9e9e9e; } svg .tick { fill: #616161; }
svg .axis-title { fill: #424242; font-size: 12px; } svg .legend-text { fill: #424242; }
svg .diagonal, svg .zero { stroke: #9e9e9e; stroke-dasharray: 4 3; }
svg .pt { fill-opacity: 0.75; stroke: #fff; stroke-width: 0.6; } svg .pt:hover { stroke: #000; stroke-width: 1.5; }
svg .whisker line { stroke: #212121; stroke-width: 1.4; } svg .fp-ci { stroke-width: 2; } svg .fp-label { fill: #424242; }
svg .cell { stroke: #fff; stroke-width: 0.5; } svg .cell.diag { stroke: #9e9e9e; } svg .cell-count { font-size: 10px; pointer-events: none; }
.note { color: #616161; font-size: 12px; max-width: 440px; margin: 4px 0; }
details.data summary { cursor: pointer; color: #1565c0; font-size: 13px; }
.data-table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
.data-table th, .data-table td { border-bottom: 1px solid #eeeeee; padding: 3px 8px; text-align: left; }
.data-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.data-table caption { text-align: left; color: #616161; padding: 4px 0; }
.sortable th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
.sortable th[aria-sort="ascending"] button::after { content: " \u25B2"; } .sortable th[aria-sort="descending"] button::after { content: " \u25BC"; }
.sortable tr[data-status="regression"] td, .sortable tr[data-status="catastrophic"] td { background: #ffebee; }
.sortable tr[data-status="improvement"] td { background: #e8f5e9; }
.controls { margin: 8px 0; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
bdi { unicode-bidi: isolate; } td { max-width: 420px; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: #757575; font-size: 12px; }
`;

// src/core/render/html/table.ts
var recall = (s) => s && s.support > 0 ? s.found / s.support : null;
function qCell(c) {
  const q = recallQ(c);
  return q === void 0 ? { html: "\u2014", value: null } : { html: escapeHtml(pValue(q)), value: q };
}
function statusCell(c) {
  const recall2 = escapeHtml(recallStatus(c));
  return c.precision?.status === "regression" ? `${recall2}; precision regression` : recall2;
}
function statusTokens(c) {
  return c.precision?.status === "regression" ? [recallStatus(c), "precision-regression"] : [recallStatus(c)];
}
function apColumns(cmp, noBase) {
  const rows = cmp.diagnostics?.classScores ?? [];
  if (rows.length === 0) return [];
  const byClass = new Map(rows.map((r) => [JSON.stringify([r.split, r.name]), r]));
  const of = (c) => byClass.get(JSON.stringify([c.split, c.name]));
  const ap = (side, title) => ({
    title,
    type: "num",
    cell: (c) => {
      const v = of(c)?.[side] ?? null;
      return { html: v === null ? "\u2014" : v.toFixed(3), value: v };
    }
  });
  return noBase ? [ap("apHead", "head AP")] : [ap("apBase", "base AP"), ap("apHead", "head AP")];
}
function columns(noBase, many) {
  const name = {
    title: many === "labels" ? "label" : "class",
    type: "text",
    cell: (c) => ({
      html: c.name.trim() ? `<bdi>${escapeHtml(truncateMiddle(c.name, 300))}</bdi>` : "<i>(blank name)</i>"
    })
  };
  const split = { title: "split", type: "text", cell: (c) => ({ html: escapeHtml(c.split) }) };
  const found = (side) => ({
    title: `${side} found`,
    type: "num",
    cell: (c) => ({
      html: c[side] ? `${thousands(c[side].found)}/${thousands(c[side].support)}` : "\u2014",
      value: c[side]?.support ?? null
    })
  });
  const rec = (side) => ({
    title: `${side} recall`,
    type: "num",
    cell: (c) => ({ html: pct(recall(c[side])), value: recall(c[side]) })
  });
  if (noBase) return [name, split, found("head"), rec("head")];
  return [
    name,
    split,
    found("base"),
    rec("base"),
    found("head"),
    rec("head"),
    { title: "change", type: "num", cell: (c) => ({ html: pts(c.delta), value: c.delta }) },
    { title: "q", type: "num", cell: qCell },
    { title: "status", type: "text", cell: (c) => ({ html: statusCell(c) }) }
  ];
}
function cellHtml(col, c) {
  const { html, value: value2 } = col.cell(c);
  if (col.type === "text") return `<td>${html}</td>`;
  const v = value2 === null || value2 === void 0 || !Number.isFinite(value2) ? "" : String(value2);
  return `<td class="num" data-v="${v}">${html}</td>`;
}
function classTable(cmp, many) {
  const all = groupClasses(cmp).all;
  if (all.length === 0) return "";
  const noBase = cmp.verdict === "no-baseline";
  const cols = [...columns(noBase, many), ...apColumns(cmp, noBase)];
  const caveat = !noBase && all.some(outsideFamily) ? `. ${escapeHtml(OUT_OF_FAMILY_NOTE)}` : "";
  const head = cols.map(
    (col, i) => `<th scope="col" aria-sort="none"${col.type === "num" ? ' class="num"' : ""}><button type="button" data-col="${i}" data-type="${col.type}">${escapeHtml(col.title)}</button></th>`
  ).join("");
  const rows = all.map(
    (c) => `<tr data-status="${escapeHtml(statusTokens(c).join(" "))}">${cols.map((col) => cellHtml(col, c)).join("")}</tr>`
  );
  const statuses = [...new Set(all.flatMap(statusTokens))];
  const options = [
    '<option value="">every status</option>',
    ...statuses.map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`)
  ];
  return `<div class="controls"><label>Find <input type="search" id="class-filter" placeholder="name contains\u2026" autocomplete="off"></label> <label>Status <select id="status-filter">${options.join("")}</select></label> <span id="shown-count" aria-live="polite">${thousands(all.length)} of ${thousands(all.length)}</span></div><table class="data-table sortable" id="classes"><caption>Every ${many === "labels" ? "label" : "class"} of every judged split, worst first; click a column to sort${caveat}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

// src/core/render/html/index.ts
var REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
function section(id, title, body) {
  return body ? `<section id="${id}-section"><h2>${title}</h2>${body}</section>` : "";
}
function sideLine(which, side) {
  if (!side) return `<li>${which}: none (no baseline)</li>`;
  const parts = [
    side.source,
    side.commit ? `commit ${side.commit.slice(0, 12)}` : void 0,
    side.toolVersion ? `modelgate ${side.toolVersion}` : void 0
  ].filter((p) => !!p).map((p) => escapeHtml(truncateMiddle(p, 200)));
  return `<li>${which}: ${parts.join(" \xB7 ") || "\u2014"}</li>`;
}
function header(cmp) {
  const word = VERDICT_WORD[cmp.verdict] ?? String(cmp.verdict);
  const reasons = cmp.reasons.map((r) => `<li>${escapeHtml(truncateEnd(r, 600))}</li>`).join("");
  return `<header><h1>modelgate report: <span class="verdict verdict-${escapeHtml(cmp.verdict)}">${escapeHtml(word)}</span></h1>` + (reasons ? `<ul class="reasons">${reasons}</ul>` : "") + `<ul class="sides">${sideLine("base", cmp.base)}${sideLine("head", cmp.head)}</ul></header>`;
}
function mainSplit(head) {
  const names = Object.keys(head.splits);
  return names.find((s) => s === "test") ?? names.find((s) => s === "validation") ?? names[0] ?? null;
}
function renderHtmlReport(input) {
  const cmp = input.comparison;
  const many = cmp.task === "multilabel" ? "labels" : "classes";
  const order = splitOrder(cmp);
  const classSplits = [...new Set(cmp.classes.map((c) => c.split))].sort(
    (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)
  );
  const scatters = cmp.verdict === "no-baseline" ? "" : classSplits.map(
    (s, i) => scatterFigure(
      s,
      cmp.classes.filter((c) => c.split === s),
      i,
      many
    )
  ).join("");
  const aggs = cmp.classAggregates ?? [];
  const bands = aggs.filter((a) => a.bands.length > 0).map((a, i) => bandsFigure(a, i, many)).join("") || (aggs.some((a) => a.oneBand) ? `<p class="note">Every ${many === "labels" ? "label" : "class"} falls in one support band: its macro recall is the headline recall_macro above.</p>` : "");
  const split = mainSplit(input.head);
  const confusion = split ? confusionFigure(input.head.splits[split], split, input.head.classes, input.confusionTopK ?? CONFUSION_TOP_K) : "";
  const body = [
    header(cmp),
    section("headline", "Headline metrics and gaps", headlineFigure(cmp.headline, cmp.gaps)),
    section("bands", "Recall by support band", bands),
    section("scatter", `Per-${many === "labels" ? "label" : "class"} recall`, scatters),
    section("confusion", "Confusion matrix", confusion),
    section("table", `Every ${many === "labels" ? "label" : "class"}`, classTable(cmp, many)),
    `<footer>Made by modelgate${cmp.head.toolVersion ? ` ${escapeHtml(truncateEnd(cmp.head.toolVersion, 30))}` : ""} from the comparison of the two reports. Self-contained: it loads nothing from the network.</footer>`
  ].join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>modelgate report: ${escapeHtml(VERDICT_WORD[cmp.verdict] ?? String(cmp.verdict))}</title><style>${PAGE_STYLE}</style></head>
<body>
${body}
<script>${TABLE_SCRIPT}</script>
</body></html>
`;
}

export {
  REPORT_CSP,
  mainSplit,
  renderHtmlReport
};
