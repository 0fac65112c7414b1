/* PAT offline terminology checker. Runs on the rule data exported by the Python checker
   (every written form already generated), so it only looks words up and applies the filters
   that lists can decide. It mirrors pat/terminology/matcher.py find() for those rules. */
(function () {
  "use strict";
  var W = "\\p{L}\\p{N}_";
  var RUN = new RegExp("(?<![" + W + "@])[" + W + "]+", "gu");
  var POSS = new RegExp("(?:['\u2019]s|(?<=s)['\u2019](?=[ \\t]+[a-z]))(?![" + W + "@])", "uy");
  var WORD_CH = new RegExp("^[" + W + "]$", "u");
  var APOS = "'\u2019";

  function isWord(ch) { return WORD_CH.test(ch); }
  function norm(s) { return s.toLowerCase().replace(/\u2019/g, "'"); }
  function esc(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function isUpperCh(c) { return c !== c.toLowerCase() && c === c.toUpperCase(); }
  function isLowerCh(c) { return c !== c.toUpperCase() && c === c.toLowerCase(); }
  function isAlpha(c) { return /\p{L}/u.test(c); }
  function capitalised(w) { return !!w && isUpperCh(w[0]); }
  function allUpper(w) {  // Python str.isupper()
    var cased = false;
    for (var i = 0; i < w.length; i++) {
      if (isLowerCh(w[i])) return false;
      if (isUpperCh(w[i])) cased = true;
    }
    return cased;
  }
  function isTitle(w) {  // Python str.istitle()
    var prevCased = false, cased = false;
    for (var i = 0; i < w.length; i++) {
      var c = w[i];
      if (isUpperCh(c)) { if (prevCased) return false; prevCased = true; cased = true; }
      else if (isLowerCh(c)) { if (!prevCased) return false; prevCased = true; cased = true; }
      else prevCased = false;
    }
    return cased;
  }

  function phraseRegex(phrases, ignoreCase) {
    if (!phrases.length) return null;
    var set = {};
    phrases.forEach(function (p) {
      set[p] = 1; set[p.replace(/'/g, "\u2019")] = 1; set[p.replace(/\u2019/g, "'")] = 1;
    });
    var list = Object.keys(set).sort(function (a, b) { return b.length - a.length; });
    return new RegExp("(?<![" + W + "@])(?:" + list.map(esc).join("|") + ")(?![" + W + "@])",
                      "gu" + (ignoreCase ? "i" : ""));
  }
  function maxLen(list) { return list.reduce(function (m, p) { return Math.max(m, p.length); }, 0); }

  function windowHits(rx, span, text, start, end) {
    if (!rx) return [];
    var lo = Math.max(0, start - span), hi = Math.min(text.length, end + span);
    var part = text.slice(0, hi), out = [], m;
    rx.lastIndex = lo;
    while ((m = rx.exec(part)) !== null) {
      if (m.index <= start && m.index + m[0].length >= end) out.push(m);
      if (m[0].length === 0) rx.lastIndex++;
    }
    return out;
  }

  // --- context.py ports: the filters that need no grammar ----------------------------------
  var FUNCTION_WORDS = new Set(("the a an this that these those each every any all our your their his her its my no " +
    "of for and or in on at to by with from as but if when while el la los las lo un una unos " +
    "unas le les l des du de del et ou y o e u en au aux al this our ce cette ces son sa ses " +
    "leur leurs su sus nuestro nuestra votre notre i").split(" "));
  var CONNECTORS = new Set(["of", "for", "and", "on", "de", "del", "des", "du", "la", "le",
    "los", "las", "et", "y", "the", "d", "l"]);
  var OPENERS = new Set(("please however moreover therefore furthermore also currently during since although " +
    "because once many most some several both overall finally first second third then").split(" "));
  var WORD_BEFORE = new RegExp("([" + W + "][" + W + "'\u2019.-]*)[^" + W + "\\n]*$", "u");
  var WORD_AFTER = new RegExp("^(?:['\u2019]s)?[^" + W + "\\n]*?([" + W + "][" + W + "'\u2019-]*)", "u");

  function nameWord(w) { return capitalised(w) && !FUNCTION_WORDS.has(w.toLowerCase()); }
  function wordBefore(text, pos) {
    var lo = Math.max(0, pos - 60);
    var m = WORD_BEFORE.exec(text.slice(lo, pos));
    if (!m) return ["", pos];
    return [m[1].replace(/\.+$/, ""), lo + m.index];
  }
  function wordAfter(text, pos) {
    var m = WORD_AFTER.exec(text.slice(pos, pos + 60));
    if (!m) return ["", pos];
    return [m[1], pos + m[0].length];
  }
  function startsSentence(text, pos) {
    var i = pos - 1, skip = " \t\"'\u201c\u2018\u00ab([*\u2022-\u2013\u2014#>";
    while (i >= 0 && skip.indexOf(text[i]) >= 0) i--;
    return i < 0 || ".!?\n:\r\u2026;".indexOf(text[i]) >= 0;
  }
  function lineBreakBetween(text, a, b) {
    return text.slice(Math.min(a, b), Math.max(a, b)).indexOf("\n") >= 0;
  }
  function lineIsUpper(text, pos) {
    var ls = text.lastIndexOf("\n", pos - 1) + 1, le = text.indexOf("\n", pos);
    var line = text.slice(ls, le >= 0 ? le : text.length);
    var letters = Array.from(line).filter(isAlpha);
    if (!letters.length) return false;
    return letters.filter(isUpperCh).length / letters.length > 0.8;
  }
  function upperNeighbour(text, start, end) {
    return [wordBefore(text, start)[0], wordAfter(text, end)[0]].some(function (w) {
      return w.length > 1 && allUpper(w);
    });
  }
  function inCapitalisedName(text, start, end, verb) {
    var term = text.slice(start, end);
    if (!capitalised(term)) return false;
    var letters = Array.from(term).filter(isAlpha);
    if (letters.length > 1 && letters.every(isUpperCh)) {
      return lineIsUpper(text, start) === false && upperNeighbour(text, start, end);
    }
    var first = startsSentence(text, start);
    if (verb && !first) return true;
    var pb = wordBefore(text, start), prev = pb[0], prevAt = pb[1];
    if (prev && !lineBreakBetween(text, prevAt, start)) {
      if (nameWord(prev) && !(startsSentence(text, prevAt) && isTitle(prev) && OPENERS.has(prev.toLowerCase()))) return true;
      if (CONNECTORS.has(prev.toLowerCase()) && !first) {
        var p2 = wordBefore(text, prevAt);
        if (nameWord(p2[0]) && !lineBreakBetween(text, p2[1], prevAt)) return true;
      }
    }
    var na = wordAfter(text, end), nxt = na[0], nxtEnd = na[1];
    if (nxt && !lineBreakBetween(text, end, nxtEnd) && nameWord(nxt)) return true;
    if (CONNECTORS.has(nxt.toLowerCase()) && nxt && !first) {
      var n2 = wordAfter(text, nxtEnd);
      if (nameWord(n2[0]) && !lineBreakBetween(text, nxtEnd, n2[1])) return true;
    }
    return false;
  }
  var EMAIL = new RegExp("[" + W + ".+-]@[" + W + "-]+\\.[" + W + "]", "u");
  var DOMAIN = new RegExp("[" + W + "]\\.(?:com|org|net|int|gov|edu|info|io|uk|fr|es|ch|de|un|eu|ca|mx)(?![" + W + "])", "iu");
  function isSpace(c) { return /\s/u.test(c); }
  function inUrlOrEmail(text, start, end) {
    var lo = start, hi = end, n = text.length;
    while (lo > 0 && !isSpace(text[lo - 1]) && start - lo < 200) lo--;
    while (hi < n && !isSpace(text[hi]) && hi - end < 200) hi++;
    var token = text.slice(lo, hi);
    if (token.indexOf("://") >= 0 || token.toLowerCase().indexOf("www.") === 0 || EMAIL.test(token)) return true;
    return DOMAIN.test(token);
  }
  var OPEN_Q = "\"\u201c\u00ab\u2018\u201e";
  var CLOSE_FOR = { '"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u2018": "\u2019", "\u201e": "\u201c" };
  var TITLE_CUES = new RegExp("(?:entitled|titled|called|named|book|film|movie|report|song|novel|play|poem|publication|" +
    "article|study|series|album|exhibition|documentary|campaign|intitul[" + W + "]*|titre|livre|" +
    "rapport|roman|titulad[" + W + "]*|libro|pel\u00edcula|informe|novela|llamad[" + W + "]*|obra)[^" + W + "]*$", "iu");
  var TITLE_WORD = new RegExp("\\p{L}[" + W + "'\u2019-]*", "gu");
  function inQuotedTitle(text, start, end) {
    var ls = Math.max(text.lastIndexOf("\n", start - 1) + 1, start - 200);
    var before = text.slice(ls, start), openAt = -1, opener = "";
    for (var i = before.length - 1; i >= 0; i--) {
      var ch = before[i];
      if (OPEN_Q.indexOf(ch) >= 0) { openAt = ls + i; opener = ch; break; }
      if (ch === "\u201d" || ch === "\u00bb") return false;
    }
    if (openAt < 0) return false;
    var closeAt = text.indexOf(CLOSE_FOR[opener], end);
    if (closeAt < 0 || closeAt >= end + 200) {
      // Python's find(sub, start, end) only accepts a match wholly inside the window.
      return false;
    }
    if (text.slice(end, closeAt).indexOf("\n") >= 0) return false;
    var words = text.slice(openAt + 1, closeAt).match(TITLE_WORD) || [];
    if (!words.length) return false;
    var long = words.filter(function (w) { return w.length > 3; });
    if (!long.length) long = words;
    var caps = long.filter(function (w) { return isUpperCh(w[0]); }).length;
    if (words.length >= 2 && caps / long.length >= 0.6 && isUpperCh(words[0][0])) return true;
    return TITLE_CUES.test(text.slice(Math.max(0, openAt - 40), openAt));
  }

  // --- the engine ------------------------------------------------------------------------
  function Checker(data) {
    this.data = data;
    this.pairsRx = phraseRegex(data.pairs, true);
    this.pairsSpan = maxLen(data.pairs);
    this.properRx = phraseRegex(data.properNames, false);
    this.properSpan = maxLen(data.properNames);
    this.exceptRx = phraseRegex(Object.keys(data.exceptOwner), true);
    this.exceptSpan = maxLen(Object.keys(data.exceptOwner));
  }
  Checker.prototype.matchAt = function (text, start, run) {
    var cands = this.data.byRun[run.toLowerCase()], n = text.length;
    if (!cands) return null;
    for (var i = 0; i < cands.length; i++) {
      var variant = cands[i][0], poss = cands[i][1];
      if (!text.startsWith(variant, start)) continue;
      var end = start + variant.length;
      if (poss) {
        POSS.lastIndex = end;
        var pm = POSS.exec(text);
        if (pm) return [start, end + pm[0].length];
      }
      if (end === n || !(isWord(text[end]) || text[end] === "@")) return [start, end];
    }
    return null;
  };
  Checker.prototype.scan = function (text) {
    var resume = 0, spans = [], m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text)) !== null) {
      if (m.index < resume) continue;
      var span = this.matchAt(text, m.index, m[0]);
      if (span) { resume = span[1]; spans.push(span); }
    }
    return spans;
  };
  // "to man up": a form that starts inside this one and reaches further is the more specific
  // reading ("man up", not "to man"), as in the Python matcher.
  Checker.prototype.preferLonger = function (text, start, end) {
    var part = text.slice(0, end), m;
    RUN.lastIndex = start + 1;
    while ((m = RUN.exec(part)) !== null) {
      var other = this.matchAt(text, m.index, m[0]);
      if (other && other[1] > end) return other;
    }
    return [start, end];
  };
  Checker.prototype.lookup = function (written) {
    var idx = this.data.index, found = idx[norm(written)];
    if (found) return [found, written, ""];
    for (var len = 2; len >= 1; len--) {
      if (written.length > len && APOS.indexOf(written[written.length - len]) >= 0) {
        var base = written.slice(0, written.length - len);
        found = idx[norm(base)];
        if (found) return [found, base, written.slice(written.length - len)];
      }
    }
    return [[], written, ""];
  };
  Checker.prototype.keep = function (text, start, end, entry) {
    if (windowHits(this.pairsRx, this.pairsSpan, text, start, end).length) return false;
    var self = this;
    var exc = windowHits(this.exceptRx, this.exceptSpan, text, start, end);
    if (exc.some(function (m) { return (self.data.exceptOwner[norm(m[0])] || []).indexOf(entry.id) >= 0; })) return false;
    if (windowHits(this.properRx, this.properSpan, text, start, end).length) return false;
    if (inUrlOrEmail(text, start, end)) return false;
    var namedOk = ["feminine-title", "courtesy-title", "generic-pronoun"].indexOf(entry.category) < 0;
    if (namedOk && inCapitalisedName(text, start, end, entry.verb)) return false;
    if (inQuotedTitle(text, start, end)) return false;
    return true;
  };
  function caseLike(s, written) {
    var letters = Array.from(written).filter(isAlpha);
    if (letters.length > 1 && letters.every(isUpperCh)) return s.toUpperCase();
    if (written && isUpperCh(written[0]) && s && isLowerCh(s[0])) return s[0].toUpperCase() + s.slice(1);
    return s;
  }
  function possessive(word, apos) {
    return /s$/.test(word) && !/ss$/.test(word) ? word + apos : word + apos + "s";
  }
  Checker.prototype.check = function (text, allow) {
    var allowed = new Set((allow || []).map(function (a) { return norm(a.trim()); }).filter(Boolean));
    var out = [], lastEnd = -1, entries = this.data.entries, self = this;
    this.scan(text).forEach(function (span) {
      var start = span[0], end = span[1];
      if (start < lastEnd) return;
      if (text.slice(start, end).indexOf(" ") >= 0) {
        var longer = self.preferLonger(text, start, end);
        start = longer[0]; end = longer[1];
      }
      var written = text.slice(start, end), lk = self.lookup(written);
      var surfaces = lk[0], base = lk[1], poss = lk[2];
      for (var i = 0; i < surfaces.length; i++) {
        var entry = entries[surfaces[i][0]], tag = surfaces[i][1], possOk = surfaces[i][2];
        if (allowed.size && (allowed.has(norm(entry.lemma)) || allowed.has(norm(base)) || allowed.has(norm(written)))) continue;
        if (poss && !possOk) continue;
        if (!self.keep(text, start, end, entry)) continue;
        var sugg = (entry.suggest[tag] || entry.suggestions).map(function (s) {
          return caseLike(poss ? possessive(s, poss[0]) : s, base);
        });
        out.push({ start: start, end: end, term: written, rule: entry.id, category: entry.category,
                   severity: entry.severity, suggestions: Array.from(new Set(sugg)),
                   explanation: entry.explanation, debatable: entry.debatable, list: entry.list });
        lastEnd = end;
        break;
      }
    });
    return out;
  };

  // --- the page ---------------------------------------------------------------------------
  var data = JSON.parse(document.getElementById("pat-rules").textContent);
  var checker = new Checker(data);
  window.patCheck = function (text, allow) { return checker.check(text, allow || []); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function render(findings, text) {
    var sure = document.getElementById("found"), review = document.getElementById("review");
    var count = document.getElementById("count");
    sure.textContent = ""; review.textContent = "";
    var lists = findings.filter(function (f) { return f.list; });
    var context = findings.filter(function (f) { return !f.list; });
    count.textContent = count.getAttribute("data-template")
      .replace("%n", String(lists.length)).replace("%m", String(context.length));
    function add(target, f) {
      var li = el("li", "finding sev-" + f.severity);
      li.setAttribute("data-start", f.start); li.setAttribute("data-end", f.end);
      li.setAttribute("data-rule", f.rule);
      var line = text.slice(0, f.start).split("\n").length;
      li.appendChild(el("strong", "", "\u201c" + f.term + "\u201d"));
      li.appendChild(document.createTextNode(" (" + document.body.getAttribute("data-line") + " " + line + ")"));
      if (f.suggestions.length) {
        li.appendChild(document.createTextNode(" \u2192 "));
        li.appendChild(el("em", "", f.suggestions.join(", ")));
      }
      li.appendChild(el("small", "", f.explanation));
      target.appendChild(li);
    }
    lists.forEach(function (f) { add(sure, f); });
    context.forEach(function (f) { add(review, f); });
    document.getElementById("review-box").hidden = context.length === 0;
  }
  var form = document.getElementById("checker");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("text").value;
    var allow = document.getElementById("allow").value.split(",");
    render(checker.check(text, allow), text);
    document.getElementById("results").hidden = false;
  });
  var filter = document.getElementById("term-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var q = norm(filter.value.trim());
      document.querySelectorAll("#terms tbody tr").forEach(function (tr) {
        tr.hidden = q !== "" && norm(tr.textContent).indexOf(q) < 0;
      });
    });
  }
})();
