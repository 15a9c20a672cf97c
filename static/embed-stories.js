/* Tertulia: a story's notes, Q&A threads and ignoring commenters, loaded by embed.js when a thread needs them (README). */
(function () {
"use strict";

var I18N = {
  en: {
    checkAll: "Comments are checked before they appear.",
    checkFirst: "First comments are checked before they appear.",
    checkLinks: "Comments with links are checked before they appear.",
    closedBy: "The newsroom closed them.",
    closedAge: "They closed {n} days after publication.",
    closesAt: "Comments close on {date}.",
    upvote: "Upvote", votes: { zero: "No votes yet", one: "1 vote", other: "{n} votes" },
    answered: "Answered", show: "Show", filters: ["All", "Answered", "Unanswered"],
    ignore: "Ignore", ignoreLabel: "Ignore this commenter: {name}",
    ignoredNote: "Comments by {name} are hidden in this browser.", showIgnored: "Show ignored ({n})"
  }
};
var CSS = ".story{border-left:4px solid var(--a);padding:0 .8em;margin:.8em 0}.story p{margin:.4em 0}" +
  ".ans{border-color:var(--a);background:var(--a);color:var(--o)}";
var FILTERS = ["all", "answered", "unanswered"];
var CHECKS = { all: "checkAll", first: "checkFirst", links: "checkLinks" };

// embed.js hands over one widget `w` (its state, its nodes) and its helpers `u`.
window.__tertulia(function install(w, u, own) {
  var h = u.h, load = u.load, save = u.save, fill = u.fill;
  var t = Object.assign({}, I18N.en, own);
  var state = w.state;
  var qa = (state.thread || {}).mode === "qa";
  var story = h("div", { class: "story", hidden: true });
  var closedNote = w.shell.querySelector(".closed");  // "Comments are closed.", then why
  var closedText = closedNote && closedNote.textContent;
  var filter = h("select", { onchange: arrange });
  var showIgnored = h("button", { type: "button", class: "more", hidden: true, onclick: function () {
    save(":ignored", null);
    arrange();
    w.list.focus();
  } });
  w.list.setAttribute("tabindex", "-1");

  // A question's answers: the staff's replies right under it ("comment-" + id is each article's).
  function answers(node) {
    return [].filter.call(node.replies.children, (li) => (state.nodes[li.firstChild.id.slice(8)] || { c: {} }).c.staff);
  }

  // Ignored commenters and the Q&A filter decide what shows; answers go first under a question.
  function arrange() {
    var hidden = 0, ignored = load(":ignored") || [];
    waiting = false;
    Object.keys(state.nodes).forEach(function (id) {
      var node = state.nodes[id];
      var top = node.item.parentNode === w.list;
      var off = ignored.indexOf(node.c.avatar) >= 0;
      hidden += off;
      if (qa && top) {
        var first = answers(node);
        var yes = node.c.answered || first.length > 0;  // the server says so; a live answer too
        var head = node.article.querySelector("header");  // none on a deleted question's placeholder
        if (yes && head && !node.mark) head.append(node.mark = h("span", { class: "badge ans", text: t.answered }));
        first.reverse().forEach((li) => node.replies.prepend(li));
        var wanted = FILTERS[filter.selectedIndex];
        off = off || (wanted === "answered" && !yes) || (wanted === "unanswered" && yes);
      }
      node.item.hidden = off;
    });
    showIgnored.hidden = !hidden;
    showIgnored.textContent = fill(t.showIgnored, { n: hidden });
  }

  // The story's message, its moderation in plain words, and why it is closed.
  function describe() {
    var th = state.thread || {};
    story.replaceChildren();
    if (th.message) story.append(u.serverHtml(th.message));
    if (CHECKS[th.moderation] && !th.closed) story.append(h("p", { text: t[CHECKS[th.moderation]] }));
    if (th.closes_at) story.append(h("p", { text: fill(t.closesAt, { date: new Date(th.closes_at).toLocaleString(w.lang, { dateStyle: "long", timeStyle: "short" }) }) }));
    story.hidden = !story.firstChild;
    if (closedNote) closedNote.textContent = closedText + (th.closed_reason ? " " + (th.closed_reason === "age" ? fill(t.closedAge, { n: th.close_after_days }) : t.closedBy) : "");
  }

  function decorate(node) {
    var c = node.c;
    if (node.acts && !c.staff && !node.ignore) {
      node.acts.append(node.ignore = h("button", { type: "button", class: "reply", text: t.ignore, "aria-label": fill(t.ignoreLabel, { name: c.name }), onclick: function () {
        save(":ignored", (load(":ignored") || []).concat(c.avatar));
        arrange();
        w.announce(fill(t.ignoredNote, { name: c.name }));
        showIgnored.focus();
      } }));
    }
    if (qa && node.like) w.showLikes(node);
  }

  var decorated = w.decorate, received = w.received, waiting;
  w.decorate = function (node) {
    if (decorated) decorated(node);
    decorate(node);
    if (!waiting) queueMicrotask(arrange);  // once, when a page's nodes are in their places
    waiting = true;
  };
  w.received = function () {
    if (received) received();
    describe();
    arrange();
  };
  w.ignore = true;
  w.root.append(h("style", { text: CSS }));
  (closedNote || w.more).before(story);
  w.more.after(showIgnored);
  if (qa) {
    // Questions: the like button is a vote, the list filters, and the most voted come first.
    w.t.like = t.upvote;
    w.t.likes = t.votes;
    t.filters.forEach((name) => filter.append(h("option", { text: name })));
    w.shell.querySelector(".bar").append(h("label", null, t.show + " ", filter));
    if (!load(":sort") && state.sort === "oldest") {
      w.sorter.value = "top";
      w.resort();
    }
  }
  Object.keys(state.nodes).forEach((id) => decorate(state.nodes[id]));
  w.received();
});
})();
