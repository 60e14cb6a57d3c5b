import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  chiSquareSf,
  orderSplits,
  quoteName
} from "./chunk-GVEIAIM2.js";

// node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/");
var _a;
var Worker;
var isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch (e) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m = v | (1 << r_1) - 1; v <= m; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flm = /* @__PURE__ */ hMap(flt, 9, 0);
var flrm = /* @__PURE__ */ hMap(flt, 9, 1);
var fdm = /* @__PURE__ */ hMap(fdt, 5, 0);
var fdrm = /* @__PURE__ */ hMap(fdt, 5, 1);
var max = function(a) {
  var m = a[0];
  for (var i2 = 1; i2 < a.length; ++i2) {
    if (a[i2] > m)
      m = a[i2];
  }
  return m;
};
var bits = function(d, p, m) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m;
};
var bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
};
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e) {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var inflt = function(dat, st, buf, dict) {
  var sl = dat.length, dl = dict ? dict.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf;
  var resize = noBuf || st.i != 2;
  var noSt = st.i;
  if (noBuf)
    buf = new u8(sl * 3);
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf);
      buf = nbuf;
    }
  };
  var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
  var tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      pos += 3;
      if (!type) {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + l);
        buf.set(dat.subarray(s, t), bt);
        st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      } else if (type == 1)
        lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
      else if (type == 2) {
        var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
        var tl = hLit + bits(dat, pos + 5, 31) + 1;
        pos += 14;
        var ldt = new u8(tl);
        var clt = new u8(19);
        for (var i2 = 0; i2 < hcLen; ++i2) {
          clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
        }
        pos += hcLen * 3;
        var clb = max(clt), clbmsk = (1 << clb) - 1;
        var clm = hMap(clt, clb, 1);
        for (var i2 = 0; i2 < tl; ) {
          var r = clm[bits(dat, pos, clbmsk)];
          pos += r & 15;
          var s = r >> 4;
          if (s < 16) {
            ldt[i2++] = s;
          } else {
            var c = 0, n = 0;
            if (s == 16)
              n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1];
            else if (s == 17)
              n = 3 + bits(dat, pos, 7), pos += 3;
            else if (s == 18)
              n = 11 + bits(dat, pos, 127), pos += 7;
            while (n--)
              ldt[i2++] = c;
          }
        }
        var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
        lbt = max(lt);
        dbt = max(dt);
        lm = hMap(lt, lbt, 1);
        dm = hMap(dt, dbt, 1);
      } else
        err(1);
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
    }
    if (resize)
      cbuf(bt + 131072);
    var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
    var lpos = pos;
    for (; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
      if (!c)
        err(2);
      if (sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2];
          pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        if (!d)
          err(3);
        pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          if (shift + bt < 0)
            err(3);
          for (; bt < dend; ++bt)
            buf[bt] = dict[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final;
    if (lm)
      final = 1, st.m = lbt, st.d = dm, st.n = dbt;
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
var wbits = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
};
var wbits16 = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
  d[o + 2] |= v >> 16;
};
var hTree = function(d, mb) {
  var t = [];
  for (var i2 = 0; i2 < d.length; ++i2) {
    if (d[i2])
      t.push({ s: i2, f: d[i2] });
  }
  var s = t.length;
  var t2 = t.slice();
  if (!s)
    return { t: et, l: 0 };
  if (s == 1) {
    var v = new u8(t[0].s + 1);
    v[t[0].s] = 1;
    return { t: v, l: 1 };
  }
  t.sort(function(a, b) {
    return a.f - b.f;
  });
  t.push({ s: -1, f: 25001 });
  var l = t[0], r = t[1], i0 = 0, i1 = 1, i22 = 2;
  t[0] = { s: -1, f: l.f + r.f, l, r };
  while (i1 != s - 1) {
    l = t[t[i0].f < t[i22].f ? i0++ : i22++];
    r = t[i0 != i1 && t[i0].f < t[i22].f ? i0++ : i22++];
    t[i1++] = { s: -1, f: l.f + r.f, l, r };
  }
  var maxSym = t2[0].s;
  for (var i2 = 1; i2 < s; ++i2) {
    if (t2[i2].s > maxSym)
      maxSym = t2[i2].s;
  }
  var tr = new u16(maxSym + 1);
  var mbt = ln(t[i1 - 1], tr, 0);
  if (mbt > mb) {
    var i2 = 0, dt = 0;
    var lft = mbt - mb, cst = 1 << lft;
    t2.sort(function(a, b) {
      return tr[b.s] - tr[a.s] || a.f - b.f;
    });
    for (; i2 < s; ++i2) {
      var i2_1 = t2[i2].s;
      if (tr[i2_1] > mb) {
        dt += cst - (1 << mbt - tr[i2_1]);
        tr[i2_1] = mb;
      } else
        break;
    }
    dt >>= lft;
    while (dt > 0) {
      var i2_2 = t2[i2].s;
      if (tr[i2_2] < mb)
        dt -= 1 << mb - tr[i2_2]++ - 1;
      else
        ++i2;
    }
    for (; i2 >= 0 && dt; --i2) {
      var i2_3 = t2[i2].s;
      if (tr[i2_3] == mb) {
        --tr[i2_3];
        ++dt;
      }
    }
    mbt = mb;
  }
  return { t: new u8(tr), l: mbt };
};
var ln = function(n, l, d) {
  return n.s == -1 ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1)) : l[n.s] = d;
};
var lc = function(c) {
  var s = c.length;
  while (s && !c[--s])
    ;
  var cl = new u16(++s);
  var cli = 0, cln = c[0], cls = 1;
  var w = function(v) {
    cl[cli++] = v;
  };
  for (var i2 = 1; i2 <= s; ++i2) {
    if (c[i2] == cln && i2 != s)
      ++cls;
    else {
      if (!cln && cls > 2) {
        for (; cls > 138; cls -= 138)
          w(32754);
        if (cls > 2) {
          w(cls > 10 ? cls - 11 << 5 | 28690 : cls - 3 << 5 | 12305);
          cls = 0;
        }
      } else if (cls > 3) {
        w(cln), --cls;
        for (; cls > 6; cls -= 6)
          w(8304);
        if (cls > 2)
          w(cls - 3 << 5 | 8208), cls = 0;
      }
      while (cls--)
        w(cln);
      cls = 1;
      cln = c[i2];
    }
  }
  return { c: cl.subarray(0, cli), n: s };
};
var clen = function(cf, cl) {
  var l = 0;
  for (var i2 = 0; i2 < cl.length; ++i2)
    l += cf[i2] * cl[i2];
  return l;
};
var wfblk = function(out, pos, dat) {
  var s = dat.length;
  var o = shft(pos + 2);
  out[o] = s & 255;
  out[o + 1] = s >> 8;
  out[o + 2] = out[o] ^ 255;
  out[o + 3] = out[o + 1] ^ 255;
  for (var i2 = 0; i2 < s; ++i2)
    out[o + i2 + 4] = dat[i2];
  return (o + 4 + s) * 8;
};
var wblk = function(dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
  wbits(out, p++, final);
  ++lf[256];
  var _a2 = hTree(lf, 15), dlt = _a2.t, mlb = _a2.l;
  var _b2 = hTree(df, 15), ddt = _b2.t, mdb = _b2.l;
  var _c = lc(dlt), lclt = _c.c, nlc = _c.n;
  var _d = lc(ddt), lcdt = _d.c, ndc = _d.n;
  var lcfreq = new u16(19);
  for (var i2 = 0; i2 < lclt.length; ++i2)
    ++lcfreq[lclt[i2] & 31];
  for (var i2 = 0; i2 < lcdt.length; ++i2)
    ++lcfreq[lcdt[i2] & 31];
  var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l;
  var nlcc = 19;
  for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
    ;
  var flen = bl + 5 << 3;
  var ftlen = clen(lf, flt) + clen(df, fdt) + eb;
  var dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
  if (bs >= 0 && flen <= ftlen && flen <= dtlen)
    return wfblk(out, p, dat.subarray(bs, bs + bl));
  var lm, ll, dm, dl;
  wbits(out, p, 1 + (dtlen < ftlen)), p += 2;
  if (dtlen < ftlen) {
    lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
    var llm = hMap(lct, mlcb, 0);
    wbits(out, p, nlc - 257);
    wbits(out, p + 5, ndc - 1);
    wbits(out, p + 10, nlcc - 4);
    p += 14;
    for (var i2 = 0; i2 < nlcc; ++i2)
      wbits(out, p + 3 * i2, lct[clim[i2]]);
    p += 3 * nlcc;
    var lcts = [lclt, lcdt];
    for (var it = 0; it < 2; ++it) {
      var clct = lcts[it];
      for (var i2 = 0; i2 < clct.length; ++i2) {
        var len = clct[i2] & 31;
        wbits(out, p, llm[len]), p += lct[len];
        if (len > 15)
          wbits(out, p, clct[i2] >> 5 & 127), p += clct[i2] >> 12;
      }
    }
  } else {
    lm = flm, ll = flt, dm = fdm, dl = fdt;
  }
  for (var i2 = 0; i2 < li; ++i2) {
    var sym = syms[i2];
    if (sym > 255) {
      var len = sym >> 18 & 31;
      wbits16(out, p, lm[len + 257]), p += ll[len + 257];
      if (len > 7)
        wbits(out, p, sym >> 23 & 31), p += fleb[len];
      var dst = sym & 31;
      wbits16(out, p, dm[dst]), p += dl[dst];
      if (dst > 3)
        wbits16(out, p, sym >> 5 & 8191), p += fdeb[dst];
    } else {
      wbits16(out, p, lm[sym]), p += ll[sym];
    }
  }
  wbits16(out, p, lm[256]);
  return p + ll[256];
};
var deo = /* @__PURE__ */ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);
var et = /* @__PURE__ */ new u8(0);
var dflt = function(dat, lvl, plvl, pre, post, st) {
  var s = st.z || dat.length;
  var o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7e3)) + post);
  var w = o.subarray(pre, o.length - post);
  var lst = st.l;
  var pos = (st.r || 0) & 7;
  if (lvl) {
    if (pos)
      w[0] = st.r >> 3;
    var opt = deo[lvl - 1];
    var n = opt >> 13, c = opt & 8191;
    var msk_1 = (1 << plvl) - 1;
    var prev = st.p || new u16(32768), head = st.h || new u16(msk_1 + 1);
    var bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1;
    var hsh = function(i3) {
      return (dat[i3] ^ dat[i3 + 1] << bs1_1 ^ dat[i3 + 2] << bs2_1) & msk_1;
    };
    var syms = new i32(25e3);
    var lf = new u16(288), df = new u16(32);
    var lc_1 = 0, eb = 0, i2 = st.i || 0, li = 0, wi = st.w || 0, bs = 0;
    for (; i2 + 2 < s; ++i2) {
      var hv = hsh(i2);
      var imod = i2 & 32767, pimod = head[hv];
      prev[imod] = pimod;
      head[hv] = imod;
      if (wi <= i2) {
        var rem = s - i2;
        if ((lc_1 > 7e3 || li > 24576) && (rem > 423 || !lst)) {
          pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i2 - bs, pos);
          li = lc_1 = eb = 0, bs = i2;
          for (var j = 0; j < 286; ++j)
            lf[j] = 0;
          for (var j = 0; j < 30; ++j)
            df[j] = 0;
        }
        var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
        if (rem > 2 && hv == hsh(i2 - dif)) {
          var maxn = Math.min(n, rem) - 1;
          var maxd = Math.min(32767, i2);
          var ml = Math.min(258, rem);
          while (dif <= maxd && --ch_1 && imod != pimod) {
            if (dat[i2 + l] == dat[i2 + l - dif]) {
              var nl = 0;
              for (; nl < ml && dat[i2 + nl] == dat[i2 + nl - dif]; ++nl)
                ;
              if (nl > l) {
                l = nl, d = dif;
                if (nl > maxn)
                  break;
                var mmd = Math.min(dif, nl - 2);
                var md = 0;
                for (var j = 0; j < mmd; ++j) {
                  var ti = i2 - dif + j & 32767;
                  var pti = prev[ti];
                  var cd = ti - pti & 32767;
                  if (cd > md)
                    md = cd, pimod = ti;
                }
              }
            }
            imod = pimod, pimod = prev[imod];
            dif += imod - pimod & 32767;
          }
        }
        if (d) {
          syms[li++] = 268435456 | revfl[l] << 18 | revfd[d];
          var lin = revfl[l] & 31, din = revfd[d] & 31;
          eb += fleb[lin] + fdeb[din];
          ++lf[257 + lin];
          ++df[din];
          wi = i2 + l;
          ++lc_1;
        } else {
          syms[li++] = dat[i2];
          ++lf[dat[i2]];
        }
      }
    }
    for (i2 = Math.max(i2, wi); i2 < s; ++i2) {
      syms[li++] = dat[i2];
      ++lf[dat[i2]];
    }
    pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i2 - bs, pos);
    if (!lst) {
      st.r = pos & 7 | w[pos / 8 | 0] << 3;
      pos -= 7;
      st.h = head, st.p = prev, st.i = i2, st.w = wi;
    }
  } else {
    for (var i2 = st.w || 0; i2 < s + lst; i2 += 65535) {
      var e = i2 + 65535;
      if (e >= s) {
        w[pos / 8 | 0] = lst;
        e = s;
      }
      pos = wfblk(w, pos + 1, dat.subarray(i2, e));
    }
    st.i = s;
  }
  return slc(o, 0, pre + shft(pos) + post);
};
var dopt = function(dat, opt, pre, post, st) {
  if (!st) {
    st = { l: 1 };
    if (opt.dictionary) {
      var dict = opt.dictionary.subarray(-32768);
      var newDat = new u8(dict.length + dat.length);
      newDat.set(dict);
      newDat.set(dat, dict.length);
      dat = newDat;
      st.w = dict.length;
    }
  }
  return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20 : 12 + opt.mem, pre, post, st);
};
var b2 = function(d, b) {
  return d[b] | d[b + 1] << 8;
};
var b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
};
var b8 = function(d, b) {
  return b4(d, b) + b4(d, b + 4) * 4294967296;
};
function deflateSync(data, opts) {
  return dopt(data, opts || {}, 0, 0);
}
function inflateSync(data, opts) {
  return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e) {
}
var dutf8 = function(d) {
  for (var r = "", i2 = 0; ; ) {
    var c = d[i2++];
    var eb = (c > 127) + (c > 223) + (c > 239);
    if (i2 + eb > d.length)
      return { s: r, r: slc(d, i2 - 1) };
    if (!eb)
      r += String.fromCharCode(c);
    else if (eb == 3) {
      c = ((c & 15) << 18 | (d[i2++] & 63) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) - 65536, r += String.fromCharCode(55296 | c >> 10, 56320 | c & 1023);
    } else if (eb & 1)
      r += String.fromCharCode((c & 31) << 6 | d[i2++] & 63);
    else
      r += String.fromCharCode((c & 15) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63);
  }
};
function strFromU8(dat, latin1) {
  if (latin1) {
    var r = "";
    for (var i2 = 0; i2 < dat.length; i2 += 16384)
      r += String.fromCharCode.apply(null, dat.subarray(i2, i2 + 16384));
    return r;
  } else if (td) {
    return td.decode(dat);
  } else {
    var _a2 = dutf8(dat), s = _a2.s, r = _a2.r;
    if (r.length)
      err(8);
    return s;
  }
}
var slzh = function(d, b) {
  return b + 30 + b2(d, b + 26) + b2(d, b + 28);
};
var zh = function(d, b, z) {
  var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
  var _a2 = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a2[0], su = _a2[1], off = _a2[2];
  return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
var z64hs = function(d, b, l, z, sc, su, off) {
  var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
  var nf = nsc + nsu + noff;
  if (z && nf) {
    for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
      if (b2(d, b) == 1) {
        return [
          nsc ? b8(d, b + 4 + 8 * nsu) : sc,
          nsu ? b8(d, b + 4) : su,
          noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
          1
        ];
      }
    }
    if (z < 2)
      err(13);
  }
  return [sc, su, off, 0];
};
function unzipSync(data, opts) {
  var files = {};
  var e = data.length - 22;
  for (; b4(data, e) != 101010256; --e) {
    if (!e || data.length - e > 65558)
      err(13);
  }
  ;
  var c = b2(data, e + 8);
  if (!c)
    return {};
  var o = b4(data, e + 16);
  var z = b4(data, e - 20) == 117853008;
  if (z) {
    var ze = b4(data, e - 12);
    z = b4(data, ze) == 101075792;
    if (z) {
      c = b4(data, ze + 32);
      o = b4(data, ze + 48);
    }
  }
  var fltr = opts && opts.filter;
  for (var i2 = 0; i2 < c; ++i2) {
    var _a2 = zh(data, o, z), c_2 = _a2[0], sc = _a2[1], su = _a2[2], fn = _a2[3], no = _a2[4], off = _a2[5], b = slzh(data, off);
    o = no;
    if (!fltr || fltr({
      name: fn,
      size: sc,
      originalSize: su,
      compression: c_2
    })) {
      if (!c_2)
        files[fn] = slc(data, b, b + sc);
      else if (c_2 == 8)
        files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
      else
        err(14, "unknown compression type " + c_2);
    }
  }
  return files;
}

// src/core/report/examples.ts
var DEFLATE_LEVEL = 1;
function widthFor(numClasses) {
  return numClasses <= 256 ? "u8" : numClasses <= 65536 ? "u16" : "u32";
}
var BYTES = { u8: 1, u16: 2, u32: 4 };
var Writer = class {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  bytes;
  pos = 0;
  view;
  put(values, w) {
    const v = this.view;
    let p = this.pos;
    if (w === "u8") for (let i2 = 0; i2 < values.length; i2++) v.setUint8(p++, values[i2]);
    else if (w === "u16") for (let i2 = 0; i2 < values.length; i2++, p += 2) v.setUint16(p, values[i2], true);
    else for (let i2 = 0; i2 < values.length; i2++, p += 4) v.setUint32(p, values[i2], true);
    this.pos = p;
  }
};
var Reader = class {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  bytes;
  pos = 0;
  view;
  take(count, w) {
    const need = count * BYTES[w];
    if (this.pos + need > this.bytes.length) throw new Error("per-example predictions are truncated");
    const out = new Uint32Array(count);
    const v = this.view;
    let p = this.pos;
    if (w === "u8") for (let i2 = 0; i2 < count; i2++) out[i2] = v.getUint8(p++);
    else if (w === "u16") for (let i2 = 0; i2 < count; i2++, p += 2) out[i2] = v.getUint16(p, true);
    else for (let i2 = 0; i2 < count; i2++, p += 4) out[i2] = v.getUint32(p, true);
    this.pos = p;
    return out;
  }
  get remaining() {
    return this.bytes.length - this.pos;
  }
};
function asBuffer(b) {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
function encodeExamples(ex, numClasses) {
  const w = widthFor(numClasses);
  const b = BYTES[w];
  let bytes;
  if (ex.task === "multiclass") {
    bytes = new Uint8Array(2 * ex.n * b);
    const wr = new Writer(bytes);
    wr.put(ex.truth.subarray(0, ex.n), w);
    wr.put(ex.pred.subarray(0, ex.n), w);
  } else {
    const tl = ex.truthOffsets[ex.n];
    const pl = ex.predOffsets[ex.n];
    bytes = new Uint8Array(2 * (ex.n + 1) * 4 + (tl + pl) * b);
    const wr = new Writer(bytes);
    wr.put(ex.truthOffsets.subarray(0, ex.n + 1), "u32");
    wr.put(ex.truthIndices.subarray(0, tl), w);
    wr.put(ex.predOffsets.subarray(0, ex.n + 1), "u32");
    wr.put(ex.predIndices.subarray(0, pl), w);
  }
  return {
    width: w,
    layout: ex.task === "multiclass" ? "multiclass" : "multilabel-csr",
    n: ex.n,
    data: asBuffer(deflateSync(bytes, { level: DEFLATE_LEVEL })).toString("base64")
  };
}
function decodeExamples(enc, numClasses) {
  let bytes;
  try {
    bytes = inflateSync(Buffer.from(enc.data, "base64"));
  } catch {
    throw new Error("per-example predictions are not valid deflate data");
  }
  const rd = new Reader(bytes);
  const w = enc.width;
  const n = enc.n;
  const checkIndices = (a, what) => {
    for (let i2 = 0; i2 < a.length; i2++)
      if (a[i2] >= numClasses)
        throw new Error(`${what} holds class index ${a[i2]} but the report has ${numClasses} classes`);
  };
  const checkOffsets = (o, what) => {
    if (o[0] !== 0) throw new Error(`${what} offsets must start at 0`);
    for (let i2 = 1; i2 < o.length; i2++) if (o[i2] < o[i2 - 1]) throw new Error(`${what} offsets must not decrease`);
  };
  let out;
  if (enc.layout === "multiclass") {
    const truth = rd.take(n, w);
    const pred = rd.take(n, w);
    checkIndices(truth, "truth");
    checkIndices(pred, "prediction");
    out = { task: "multiclass", n, truth, pred };
  } else {
    const truthOffsets = rd.take(n + 1, "u32");
    checkOffsets(truthOffsets, "truth");
    const truthIndices = rd.take(truthOffsets[n], w);
    const predOffsets = rd.take(n + 1, "u32");
    checkOffsets(predOffsets, "prediction");
    const predIndices = rd.take(predOffsets[n], w);
    checkIndices(truthIndices, "truth");
    checkIndices(predIndices, "prediction");
    out = { task: "multilabel", n, truthOffsets, truthIndices, predOffsets, predIndices };
  }
  if (rd.remaining !== 0) throw new Error("per-example predictions have trailing bytes");
  return out;
}

// src/core/report/sanity.ts
var REPORT_SANITY_CODES = /* @__PURE__ */ new Set([
  "constant-prediction",
  "collapsed",
  "never-predicted",
  "chance-level",
  "below-chance",
  "class-absent",
  "class-shares"
]);
var CONSTANT_FAIL_MIN_WRONG = 5;
var COLLAPSED_TOP_SHARE = 0.9;
var COLLAPSED_OTHERS_RATIO = 0.25;
var MIN_AT_STAKE = 5;
var CHANCE_MIN_EXAMPLES = 30;
var BELOW_CHANCE_Z = 3;
var SHARES_MIN_TV = 0.1;
var SHARES_MAX_P = 1e-3;
var LIST_MAX = 5;
function pct(x2) {
  return `${(100 * x2).toFixed(1)}%`;
}
function namesList(items) {
  const shown = items.slice(0, LIST_MAX).join(", ");
  return items.length > LIST_MAX ? `${shown} and ${items.length - LIST_MAX} more` : shown;
}
function supportOf(s) {
  return s.perClass.support;
}
function correctOf(s) {
  return s.counts?.correct ?? Math.round((s.metrics.accuracy ?? 0) * s.examples);
}
function denseConfusion(s, C) {
  const m = s.confusion;
  if (m?.format === "dense" && m.counts && m.counts.length === C * C) return m.counts;
  return null;
}
function classOrderMapping(s, C) {
  const m = denseConfusion(s, C);
  const n = s.examples;
  if (!m || n === 0) return null;
  const target = /* @__PURE__ */ new Map();
  let onMapped = 0;
  for (let t = 0; t < C; t++) {
    let rowSum = 0;
    let best = -1;
    for (let p = 0; p < C; p++) {
      rowSum += m[t * C + p];
      if (best < 0 || m[t * C + p] > m[t * C + best]) best = p;
    }
    if (rowSum === 0) continue;
    if (2 * m[t * C + best] <= rowSum) return null;
    if ([...target.values()].includes(best)) return null;
    target.set(t, best);
    onMapped += m[t * C + best];
  }
  const moves = [...target].filter(([t, p]) => t !== p);
  const share = onMapped / n;
  if (moves.length < 2 || share < 0.5) return null;
  return { moves, share };
}
function independentAccuracy(s) {
  const n = s.examples;
  let e = 0;
  for (let k = 0; k < s.perClass.support.length; k++) e += s.perClass.support[k] / n * (s.perClass.predicted[k] / n);
  return e;
}
function multiclassFindings(split, s, classes) {
  const out = [];
  const n = s.examples;
  const C = classes.length;
  const support = supportOf(s);
  const predicted = s.perClass.predicted;
  const supported = support.filter((c) => c > 0).length;
  if (n === 0 || supported < 2) return out;
  let top = 0;
  for (let k = 1; k < C; k++) if (predicted[k] > predicted[top]) top = k;
  const othersTruth = n - support[top];
  const othersPred = n - predicted[top];
  const constant = othersPred === 0;
  if (constant) {
    out.push({
      level: othersTruth >= CONSTANT_FAIL_MIN_WRONG ? "fail" : "warn",
      split,
      code: "constant-prediction",
      message: `every prediction is ${quoteName(classes[top])}, though ${othersTruth} of ${n} examples (${pct(othersTruth / n)}) are of other classes`
    });
  } else if (predicted[top] / n >= COLLAPSED_TOP_SHARE && othersTruth >= MIN_AT_STAKE && othersPred < COLLAPSED_OTHERS_RATIO * othersTruth) {
    out.push({
      level: "warn",
      split,
      code: "collapsed",
      message: `${pct(predicted[top] / n)} of predictions are ${quoteName(classes[top])}, the truth for ${pct(support[top] / n)}: the other classes get ${othersPred} predictions for their ${othersTruth} examples`
    });
  }
  if (!constant) {
    const never = [];
    for (let k = 0; k < C; k++)
      if (predicted[k] === 0 && support[k] >= MIN_AT_STAKE) never.push(`${quoteName(classes[k])} (${support[k]} examples)`);
    if (never.length)
      out.push({
        level: "warn",
        split,
        code: "never-predicted",
        message: never.length === 1 ? `class ${never[0]} is never predicted` : `${never.length} classes are never predicted: ${namesList(never)}`
      });
  }
  if (n < CHANCE_MIN_EXAMPLES || constant) return out;
  const acc = correctOf(s) / n;
  const e = independentAccuracy(s);
  if (acc < e - BELOW_CHANCE_Z * Math.sqrt(e * (1 - e) / n)) {
    const mapping = classOrderMapping(s, C);
    out.push({
      level: "fail",
      split,
      code: "below-chance",
      message: `accuracy ${pct(acc)} is far below chance (${pct(e)}, what predictions unrelated to the input score with these class frequencies)` + (mapping ? ": the confusions map the classes one-to-one onto others, likely a class-order mismatch" : "")
    });
    return out;
  }
  const majority = Math.max(...support) / n;
  const chance = Math.max(1 / C, majority);
  if (acc < chance + 2 * Math.sqrt(chance * (1 - chance) / n))
    out.push({
      level: "warn",
      split,
      code: "chance-level",
      message: `accuracy ${pct(acc)} is within noise of chance (${pct(chance)}: ${majority > 1 / C ? `always ${quoteName(classes[support.indexOf(Math.max(...support))])}` : `1/${C}`})`
    });
  return out;
}
function multilabelFindings(split, s, classes) {
  const out = [];
  const n = s.examples;
  const { support, predicted, tp } = s.perClass;
  if (n === 0) return out;
  const always = classes.filter((_, j) => predicted[j] === n);
  if (n >= 2 && predicted.every((q2) => q2 === 0 || q2 === n)) {
    let wrong = 0;
    for (let j = 0; j < classes.length; j++) wrong += predicted[j] === n ? n - support[j] : support[j];
    if (wrong > 0)
      out.push({
        level: wrong >= CONSTANT_FAIL_MIN_WRONG ? "fail" : "warn",
        split,
        code: "constant-prediction",
        message: always.length ? `every example is predicted the same labels: ${namesList(always.map(quoteName))}` : "no label is predicted for any example"
      });
  }
  let p = 0;
  let p2 = 0;
  let q = 0;
  let pq = 0;
  let varTp = 0;
  let truePositives = 0;
  for (let j = 0; j < classes.length; j++) {
    const pj = support[j] / n;
    const qj = predicted[j] / n;
    p += pj;
    p2 += pj * pj;
    q += qj;
    pq += pj * qj;
    varTp += n * pj * qj * (1 - pj * qj);
    truePositives += tp[j];
  }
  if (n < CHANCE_MIN_EXAMPLES || p === 0) return out;
  const baseRate = p2 / p;
  const independent = 2 * pq / (p + q);
  const chance = Math.max(baseRate, independent);
  const f1 = 2 * truePositives / (n * (p + q));
  const noise = 2 * 2 * Math.sqrt(varTp) / (n * (p + q));
  if (f1 < chance + noise)
    out.push({
      level: "warn",
      split,
      code: "chance-level",
      message: `micro-F1 ${pct(f1)} is within noise of chance (${pct(chance)}: ${baseRate >= independent ? "guessing each label at its base rate" : "guessing at the model's own rates, ignoring the input"})`
    });
  return out;
}
function absentClasses(splits, classes) {
  const names = orderSplits(Object.keys(splits));
  const out = [];
  if (names.length < 2) return out;
  for (const name of names) {
    const s = splits[name];
    const others = names.filter((x2) => x2 !== name);
    const nOther = others.reduce((a, x2) => a + splits[x2].examples, 0);
    if (nOther === 0) continue;
    for (let k = 0; k < classes.length; k++) {
      if (supportOf(s)[k] > 0) continue;
      const elsewhere = others.reduce((a, x2) => a + supportOf(splits[x2])[k], 0);
      const expected = elsewhere / nOther * s.examples;
      if (expected < MIN_AT_STAKE) continue;
      out.push({
        level: "warn",
        split: name,
        code: "class-absent",
        message: `class ${quoteName(classes[k])} has no example in ${name}, though it is ${pct(elsewhere / nOther)} of the other splits (${elsewhere} of ${nOther}; about ${Math.round(expected)} expected): ${name} cannot measure it`
      });
    }
  }
  return out;
}
function shareSkew(a, b) {
  const na = a.reduce((x2, y) => x2 + y, 0);
  const nb = b.reduce((x2, y) => x2 + y, 0);
  let tv = 0;
  let stat = 0;
  let cells = 0;
  for (let k = 0; k < a.length; k++) {
    tv += Math.abs(a[k] / na - b[k] / nb) / 2;
    const total = a[k] + b[k];
    if (total === 0) continue;
    cells++;
    const ea = total * na / (na + nb);
    const eb = total * nb / (na + nb);
    stat += (a[k] - ea) ** 2 / ea + (b[k] - eb) ** 2 / eb;
  }
  return { tv, p: cells < 2 ? 1 : chiSquareSf(stat, cells - 1) };
}
function classShares(splits, classes) {
  const names = orderSplits(Object.keys(splits)).filter((x2) => splits[x2].examples > 0);
  let worst = null;
  for (let i2 = 0; i2 < names.length; i2++)
    for (let j = i2 + 1; j < names.length; j++) {
      const r = shareSkew(supportOf(splits[names[i2]]), supportOf(splits[names[j]]));
      if (r.tv >= SHARES_MIN_TV && r.p < SHARES_MAX_P && (!worst || r.tv > worst.tv))
        worst = { a: names[i2], b: names[j], ...r };
    }
  if (!worst) return [];
  const w = worst;
  const share = (x2, k) => supportOf(splits[x2])[k] / splits[x2].examples;
  const order = classes.map((_, k) => k).sort((k, l) => Math.abs(share(w.a, l) - share(w.b, l)) - Math.abs(share(w.a, k) - share(w.b, k))).slice(0, 3);
  const rows = order.map((k) => `${quoteName(classes[k])} ${names.map((x2) => `${pct(share(x2, k))} ${x2}`).join(", ")}`);
  return [
    {
      level: "info",
      code: "class-shares",
      message: `class shares differ between ${w.a} and ${w.b} beyond a random split (total variation ${w.tv.toFixed(2)}, chi-square p ${w.p < 1e-4 ? "< 0.0001" : `= ${w.p.toPrecision(2)}`}): ${rows.join("; ")}`
    }
  ];
}
function reportSanity(task, classes, splits) {
  const out = [];
  for (const name of orderSplits(Object.keys(splits))) {
    const s = splits[name];
    out.push(...task === "multiclass" ? multiclassFindings(name, s, classes) : multilabelFindings(name, s, classes));
  }
  out.push(...absentClasses(splits, classes));
  if (task === "multiclass") out.push(...classShares(splits, classes));
  return out;
}
function withReportSanity(given, task, classes, splits) {
  const kept = given.filter((f) => !REPORT_SANITY_CODES.has(f.code)).map((f) => ({ ...f }));
  const computed = [];
  for (const f of reportSanity(task, classes, splits)) {
    const raw = kept.find((g) => g.code === "constant-output" && g.split === f.split);
    if (raw && f.code === "constant-prediction") raw.message = `${raw.message}: ${f.message}`;
    else computed.push(f);
  }
  return [...kept, ...computed];
}

export {
  unzipSync,
  encodeExamples,
  decodeExamples,
  denseConfusion,
  classOrderMapping,
  withReportSanity
};
