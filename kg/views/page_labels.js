// Placing labels in `kg export html`: how wide a text is in the network's
// font, how vis-network wraps it, and a set of boxes that tells whether a
// new label would cover one already placed. The choice of what to label is
// the page's (page.js, chooseLabels).
var kgLabels = (function () {
  "use strict";

  var CELL = 64;  // grid cell, screen pixels

  // Boxes [left, top, right, bottom] placed so far, in a grid:
  // fits(box) says whether a box overlaps none of them, add(box) places one.
  function placer() {
    var grid = Object.create(null);
    function cells(box, visit) {
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          if (visit(gx + ":" + gy) === false) { return false; }
        }
      }
      return true;
    }
    return {
      fits: function (box) {
        return cells(box, function (key) {
          return !(grid[key] || []).some(function (other) {
            return box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3];
          });
        });
      },
      add: function (box) { cells(box, function (key) { (grid[key] = grid[key] || []).push(box); }); },
    };
  }

  // Text widths in `face`, measured once per text at 10 units and scaled:
  // width(text, font), and lines(text, font, maximum), how many lines
  // vis-network wraps a label into within `maximum` units (word by word, a
  // word too long for a line alone broken up).
  function measurer(face) {
    var context = document.createElement("canvas").getContext("2d");
    context.font = "10px " + face;
    var known = Object.create(null);
    function width(text, font) {
      if (!(text in known)) { known[text] = context.measureText(text).width; }
      return known[text] * font / 10;
    }
    function lines(text, font, maximum) {
      var count = 0, used = 0, space = width(" ", font);
      text.split(" ").forEach(function (word) {
        var wide = width(word, font);
        if (used && used + space + wide <= maximum) { used += space + wide; return; }
        count += Math.max(1, Math.ceil(wide / maximum));
        used = wide % maximum || Math.min(wide, maximum);
      });
      return Math.max(count, 1);
    }
    return { width: width, lines: lines };
  }

  return { placer: placer, measurer: measurer };
}());
