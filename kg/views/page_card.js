// The concept cards of `kg export html`, and the text the network shows on
// hover: what a learner reads about a concept or a relation. kgCard(data,
// card, hooks) builds them from the page data (kg/views/cards.py) into the
// element `card`; hooks.focus(id) and hooks.close() are the page's.
//
// Note text is only ever put into the page with textContent, and links only
// take the hrefs kg computed (relative paths, file: or obsidian: URLs): text
// from the notes is data, never markup. Keep it that way when editing.
var kgCard = function (data, card, hooks) {
  "use strict";

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function conceptOf(id) { return own(data.concepts, id) ? data.concepts[id] : null; }
  function nameOf(id) { var concept = conceptOf(id); return concept ? concept.name : id; }
  function documentOf(id) { return own(data.documents, id) ? data.documents[id] : null; }

  var relationOfEdge = Object.create(null);
  var relationsOf = Object.create(null);     // concept id -> every relation it takes part in
  data.relations.forEach(function (relation) {
    [relation.source, relation.target].forEach(function (end) {
      (relationsOf[end] = relationsOf[end] || []).push(relation);
    });
    if (relation.edge) { relationOfEdge[relation.edge] = relation; }
  });
  var questionsOf = Object.create(null);
  data.questions.forEach(function (question) {
    question.concepts.forEach(function (id) { (questionsOf[id] = questionsOf[id] || []).push(question); });
  });

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }

  function clip(text, length) {
    text = String(text);
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  // 12,345 (toLocaleString is slow enough to show across thousands of tooltips)
  function thousands(count) { return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function plural(count, word) { return thousands(count) + " " + word + (count === 1 ? "" : "s"); }

  // ---- links to the notes ----

  function safeHref(href) {
    if (typeof href !== "string" || !href) { return null; }
    if (/^(obsidian|file):/i.test(href)) { return href; }
    return /^[a-z][a-z0-9+.-]*:/i.test(href) ? null : href;  // relative paths only
  }

  function where(doc, line) {
    var document_ = documentOf(doc);
    return (document_ ? document_.path : doc) + ":" + (line === null || line === undefined ? "?" : line);
  }

  // "notes/llm.md:40" as a link to the note when kg knows where it is.
  function whereLink(doc, line) {
    var document_ = documentOf(doc);
    var href = document_ ? safeHref(document_.href) : null;
    if (!href) { return make("span", "kg-where", where(doc, line)); }
    var link = make("a", "kg-where", where(doc, line));
    link.href = href;
    if (!/^obsidian:/i.test(href)) { link.target = "_blank"; link.rel = "noopener"; }
    return link;
  }

  // ---- tooltips (vis-network shows an element title as is) ----

  function nodeTooltip(id) {
    var concept = conceptOf(id);
    var box = make("div", "kg-tip");
    box.appendChild(make("strong", null, concept.name));
    box.appendChild(make("div", "kg-meta", concept.category + " · " + plural(concept.mentions, "mention")));
    if (concept.definition) { box.appendChild(make("div", null, clip(concept.definition.text, 180))); }
    if (concept.aliases.length) { box.appendChild(make("div", null, "Also: " + clip(concept.aliases.join(", "), 160))); }
    box.appendChild(make("div", "kg-muted", "Click to focus and read its card"));
    return box;
  }

  function edgeTooltip(relation) {
    var box = make("div", "kg-tip");
    box.appendChild(make("strong", null, nameOf(relation.source) + " " + relation.type + " " + nameOf(relation.target)));
    if (relation.evidence.length) {
      var first = relation.evidence[0];
      box.appendChild(make("div", null, where(first.doc, first.line) + " " + clip(first.text, 200)));
    }
    return box;
  }

  // ---- the card ----

  function openCard() {
    card.replaceChildren();
    card.hidden = false;
    var close = card.appendChild(make("button", "kg-close", "×"));
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hooks.close);
  }

  function conceptLink(id) {
    var concept = conceptOf(id);
    if (!concept || !concept.shown) { return make("span", null, nameOf(id)); }
    var link = make("button", "kg-link", concept.name);
    link.type = "button";
    link.addEventListener("click", function () { hooks.focus(id); });
    return link;
  }

  function evidenceList(evidence) {
    var list = make("ul", "kg-evidence");
    evidence.forEach(function (entry) {
      var item = list.appendChild(make("li"));
      item.appendChild(whereLink(entry.doc, entry.line));
      item.appendChild(make("span", null, entry.text));
    });
    return list;
  }

  function heading(title, count) {
    card.appendChild(make("h3", null, title + (count === undefined ? "" : " (" + count + ")")));
    return card.appendChild(make("ul"));
  }

  // "QLoRA extends LoRA": the stated relation a prerequisite comes from.
  function reasonText(relation) {
    return relation.derived_from.map(function (derived) {
      var verbs = own(data.reasons, derived.type) ? data.reasons[derived.type] : [derived.type, derived.type];
      return nameOf(derived.source) + " " + verbs[0] + " " + nameOf(derived.target);
    }).join("; ");
  }

  function prerequisiteSection(title, relations, otherEnd) {
    if (!relations.length) { return; }
    var list = heading(title, relations.length);
    relations.forEach(function (relation) {
      var item = list.appendChild(make("li"));
      item.dataset.concept = otherEnd(relation);
      item.appendChild(conceptLink(otherEnd(relation)));
      var reason = reasonText(relation);
      if (reason) { item.appendChild(make("span", "kg-reason", " — " + reason)); }
      if (relation.evidence.length) { item.appendChild(evidenceList(relation.evidence.slice(0, 1))); }
    });
  }

  // Each relation reads as a sentence, "QLoRA EXTENDS LoRA", whichever end
  // the card belongs to.
  function relationItem(relation, cardId) {
    var item = make("li");
    var end = function (id) { return id === cardId ? make("strong", null, nameOf(id)) : conceptLink(id); };
    item.appendChild(end(relation.source));
    var type = item.appendChild(make("span", "kg-type", " " + relation.type + " "));
    type.style.color = data.typeColours[relation.type] || "#555";
    item.appendChild(end(relation.target));
    if (relation.confidence !== null && relation.confidence !== undefined) {
      item.appendChild(make("span", "kg-muted", " (" + relation.confidence + ")"));
    }
    if (!relation.edge) { item.appendChild(make("span", "kg-muted", " not drawn")); }
    if (relation.evidence.length) { item.appendChild(evidenceList(relation.evidence)); }
    return item;
  }

  function showConcept(id) {
    var concept = conceptOf(id);
    if (!concept || !concept.shown) { return; }
    openCard();
    card.dataset.concept = id;
    card.appendChild(make("h2", null, concept.name));
    card.appendChild(make("div", "kg-meta", concept.category + " · " + plural(concept.mentions, "mention")));
    if (concept.definition) {
      var definition = card.appendChild(make("p", "kg-definition"));
      definition.id = "kg-definition";
      definition.appendChild(make("span", null, concept.definition.text + " "));
      definition.appendChild(whereLink(concept.definition.doc, concept.definition.line));
    }
    if (concept.aliases.length) {
      card.appendChild(make("div", "kg-meta", "Also called: " + concept.aliases.join(", ")));
    }
    var relations = relationsOf[id] || [];
    var prerequisites = relations.filter(function (r) { return r.type === "PREREQUISITE_OF"; });
    prerequisiteSection("Learn first", prerequisites.filter(function (r) { return r.target === id; }),
                        function (r) { return r.source; });
    prerequisiteSection("Leads to", prerequisites.filter(function (r) { return r.source === id; }),
                        function (r) { return r.target; });
    var questions = questionsOf[id] || [];
    if (questions.length) {
      var questionList = heading("Interview questions", questions.length);
      questionList.id = "kg-questions";
      questions.forEach(function (question) {
        var item = questionList.appendChild(make("li", null, question.text + " "));
        item.appendChild(whereLink(question.doc, question.line));
      });
    }
    var stated = relations.filter(function (r) { return r.type !== "PREREQUISITE_OF"; });
    if (stated.length) {
      var relationList = heading("Relations", stated.length);
      stated.forEach(function (relation) { relationList.appendChild(relationItem(relation, id)); });
    }
    if (concept.documents.length) {
      var documentList = heading("Mentioned in", undefined);
      concept.documents.forEach(function (entry) {
        var item = documentList.appendChild(make("li"));
        item.appendChild(whereLink(entry.doc, entry.lines.length ? entry.lines[0] : null));
        var document_ = documentOf(entry.doc);
        if (document_ && document_.title) { item.appendChild(make("span", "kg-muted", " " + document_.title)); }
        if (entry.lines.length > 1) {
          item.appendChild(make("div", "kg-muted", "lines " + clip(entry.lines.join(", "), 200)));
        }
      });
    }
  }

  function showRelation(edgeId) {
    var relation = relationOfEdge[edgeId];
    if (!relation) { return; }
    openCard();
    delete card.dataset.concept;
    var title = card.appendChild(make("h2"));
    title.appendChild(conceptLink(relation.source));
    title.appendChild(make("span", "kg-type", " " + relation.type + " "));
    title.appendChild(conceptLink(relation.target));
    if (relation.derived_from.length) { card.appendChild(make("div", "kg-reason", "because " + reasonText(relation))); }
    if (relation.confidence !== null && relation.confidence !== undefined) {
      card.appendChild(make("div", "kg-meta", "confidence " + relation.confidence));
    }
    heading("Evidence", relation.evidence.length);
    card.appendChild(evidenceList(relation.evidence));
  }

  return {
    own: own, conceptOf: conceptOf, nameOf: nameOf, make: make, clip: clip, plural: plural, thousands: thousands,
    nodeTooltip: nodeTooltip, edgeTooltip: edgeTooltip, relationOfEdge: relationOfEdge,
    showConcept: showConcept, showRelation: showRelation,
  };
};
