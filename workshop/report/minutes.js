// The minutes' own check (report/minutes.py): every signature with WebCrypto's Ed25519, the chain of
// `prev`, then the decisions from the verified bytes alone, built with textContent only.
(async () => {
  const data = JSON.parse(document.getElementById("signed-data").textContent), say = data.says;
  const verdict = document.getElementById("verdict"), out = document.getElementById("decisions");
  const fill = (t, v) => t.replace(/\{(\w+)\}/g, (_, k) => String(v[k] ?? ""));
  const tell = (cls, text) => { verdict.className = cls; verdict.textContent = text; };
  const hex = h => { if (!/^([0-9a-f]{2})+$/.test(h)) throw new Error("hex"); return new Uint8Array(h.match(/../g).map(b => parseInt(b, 16))); };
  const bytes = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const when = at => String(at).slice(0, 16).replace("T", " ") + " UTC";
  let events;
  // an event's signed bytes: its fields as JSON, then (since the chain covered the header) a line with the header's digest
  const split = text => { const i = text.indexOf("\n"); return i < 0 ? [text, ""] : [text.slice(0, i), text.slice(i + 1)]; };
  const read = (b, s) => { const [json, header] = split(new TextDecoder("utf-8", {fatal: true}).decode(bytes(b)));
                           return {bytes: bytes(b), sig: s, fields: JSON.parse(json), header}; };
  try { events = data.events.map(([b, s]) => read(b, s)); }
  catch (e) { tell("bad", fill(say.bad, {why: say.damaged})); return; }
  if (!data.key) { tell("bad", fill(say.bad, {why: say["no-key"]})); return; }
  let key = null;
  try { key = await crypto.subtle.importKey("raw", hex(data.key), {name: "Ed25519"}, false, ["verify"]); } catch (e) { key = null; }
  let checked = key !== null;
  if (checked) {
    let prev = "";
    for (const [i, e] of events.entries()) {
      let good = false;
      try { good = await crypto.subtle.verify({name: "Ed25519"}, key, hex(e.sig), e.bytes); } catch (err) { good = false; }
      const why = !good || (e.header && e.header !== data.header) ? say.signature : e.fields.prev !== prev ? say.order : "";
      if (why) { tell("bad", fill(say.bad, {why: fill(why, {i: i + 1, type: e.fields.type})})); return; }
      prev = e.sig;
    }
    tell("good", fill(say.good, {n: events.length}));
  } else tell("unknown", say.cannot);
  const decisions = new Map(), notes = new Map(), owners = new Map();
  for (const {fields: f} of events) {
    if (f.type === "decision" && !decisions.has(f.decision)) decisions.set(f.decision, {...f, changes: [], gone: null});
    const d = decisions.get(f.decision);
    if (f.type === "decision-amend" && d && !d.gone) { if (f.text) d.text = f.text; if (f.actions) d.actions = f.actions; d.changes.push(f); }
    if (f.type === "decision-withdraw" && d && !d.gone) d.gone = f;
    if (f.type === "note" && f.author === "facilitator") notes.set(f.note, f.text);
    if (f.type === "note-edit" && f.author === "facilitator" && notes.has(f.note)) notes.set(f.note, f.text);
    if (f.type === "action") owners.set(f.note, {owner: f.owner ?? owners.get(f.note)?.owner ?? "", due: f.due ?? owners.get(f.note)?.due ?? ""});
  }
  if (!decisions.size) out.append(el("p", say.none));
  for (const d of decisions.values()) {
    const box = el("article", undefined, "decision" + (checked ? "" : " unchecked"));
    box.append(el("h2", `${d.decision}: ${d.text} (${d.gone ? say.gone : say["in-force"]})` + (checked ? "" : ` · ${say.unchecked}`)));
    box.append(el("p", fill(say.recorded, {at: when(d.at), step: d.step}), "meta"));
    for (const c of d.changes) {
      const said = c.text ? fill(say.amended, {at: when(c.at), text: c.text}) : fill(say["amended-actions"], {at: when(c.at)});
      box.append(el("p", said + (c.why ? fill(say.why, {why: c.why}) : "")));
    }
    if (d.gone) box.append(el("p", fill(say.withdrawn, {at: when(d.gone.at)}) + (d.gone.why ? fill(say.why, {why: d.gone.why}) : "")));
    for (const [heading, lines] of [["rests-on", d.evidence], ["objections", d.objections]]) {
      if (!lines || !lines.length) continue;
      box.append(el("h3", say[heading]));
      const list = el("ul"); for (const line of lines) list.append(el("li", line)); box.append(list);
    }
    if (d.actions && d.actions.length) {
      box.append(el("h3", say.actions));
      const list = el("ul");
      for (const id of d.actions) {
        const signed = notes.get(id), given = data.notes[id], who = owners.get(id) ?? {owner: "", due: ""};
        const item = el("li", `${signed ?? (given ? given[0] : say.lost)} (${who.owner || say["no-owner"]}, ${who.due || say["no-due"]})`);
        if (signed === undefined && given) item.append(el("span", ` · ${given[1]}: ${say["unsigned-words"]}`, "unsigned"));
        list.append(item);
      }
      box.append(list);
    }
    out.append(box);
  }
})();
