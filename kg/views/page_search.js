// Finding a concept by name in the page, as `kg search` finds it
// (kg/answers.py: search, kg/names.py: name_key): the same keys, the same
// scores, the same order, so a typo the command forgives the page forgives.
//
//   key     NFKC, lower case, without spaces, hyphens, underscores, dots and
//           middle dots ("Q-Former", "ｑｆｏｒｍｅｒ" -> "qformer")
//   score   100 a whole name; 70-90 the query inside a name (shorter names
//           first: "低秩" in "低秩适配"); 70 a name inside a query of three
//           or more characters; else 0.85 x rapidfuzz's fuzz.ratio, the
//           share of characters the two keys have in common (longest common
//           subsequence), so "qlroa" still finds "qlora" (68)
//   order   best score (to one decimal), then most mentioned, then id
//
// JavaScript lower-cases where Python case-folds: the two differ only for a
// few letters (German sharp s, Greek final sigma) that ML names do not use.
var kgNameSearch = (function () {
  "use strict";

  var IGNORED = /[\s\-_·.‐‑‒–—・]+/g;
  var CUTOFF = 60;

  function nameKey(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(IGNORED, "");
  }

  // rapidfuzz.fuzz.ratio: 100 * 2 * LCS / (len a + len b), over code points.
  function ratio(a, b) {
    var x = Array.from(a), y = Array.from(b);
    var total = x.length + y.length;
    if (!total) { return 100; }
    var previous = new Array(y.length + 1).fill(0);
    for (var i = 1; i <= x.length; i++) {
      var current = [0];
      for (var j = 1; j <= y.length; j++) {
        current[j] = x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      previous = current;
    }
    return 100 * 2 * previous[y.length] / total;
  }

  function score(query, queryLength, key) {
    if (key === query) { return 100; }
    if (key.indexOf(query) >= 0) {
      return 90 - Math.min(20, (Array.from(key).length - queryLength) * 0.5);
    }
    if (queryLength >= 3 && query.indexOf(key) >= 0) { return 70; }
    return ratio(query, key) * 0.85;
  }

  // entries: [{id, name, forms: [name, alias, ...], mentions}]
  // Returns search(text, limit) -> [{id, name, matched, score, mentions}].
  function makeSearch(entries) {
    var index = entries.map(function (entry) {
      return {
        entry: entry,
        keys: entry.forms.map(function (form) { return [form, nameKey(form)]; }),
      };
    });
    return function search(text, limit) {
      var query = nameKey(text);
      if (!query) { return []; }
      var queryLength = Array.from(query).length;
      var hits = [];
      index.forEach(function (item) {
        var best = 0, matched = item.entry.name;
        item.keys.forEach(function (pair) {
          var value = score(query, queryLength, pair[1]);
          if (value > best) { best = value; matched = pair[0]; }
        });
        if (best >= CUTOFF) {
          hits.push({ id: item.entry.id, name: item.entry.name, matched: matched,
                      score: Math.round(best * 10) / 10, mentions: item.entry.mentions });
        }
      });
      hits.sort(function (a, b) {
        return b.score - a.score || b.mentions - a.mentions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      return hits.slice(0, limit || 10);
    };
  }

  return { nameKey: nameKey, ratio: ratio, makeSearch: makeSearch };
}());
