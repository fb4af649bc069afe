// Breakwater dashboard: incidents, live traffic and collector health from /api/v1, live by server-sent events.
// The token lives in this tab's sessionStorage only; /#token=… is read once and removed from the address bar.
(() => {
  'use strict';
  const KEY = 'breakwater.token';
  const CLASSES = ['syn', 'ack', 'rst', 'fin', 'tcp_other', 'udp', 'icmp', 'other'];
  const COLORS = ['#ff6b6b', '#ffa94d', '#ffd43b', '#a9e34b', '#69db7c', '#4dabf7', '#b197fc', '#868e96'];
  const $ = (id) => document.getElementById(id);
  const state = { incidents: new Map(), selected: null, target: null, history: [], live: new Map(), collectors: null, charts: {} };

  function takeTokenFromFragment() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  const token = () => sessionStorage.getItem(KEY);

  async function api(path, options = {}) {
    const headers = Object.assign({ Authorization: 'Bearer ' + token() }, options.headers || {});
    const response = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
    if (response.status === 401) {
      logout('The token was refused (401); enter a valid one.');
      throw new Error('unauthorized');
    }
    return response;
  }

  async function json(path) {
    const response = await api(path);
    if (!response.ok) throw new Error(path + ': ' + response.status);
    return response.json();
  }

  function logout(message) {
    sessionStorage.removeItem(KEY);
    $('app').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  const fmt = (n) => n >= 1e9 ? (n / 1e9).toFixed(1) + ' G' : n >= 1e6 ? (n / 1e6).toFixed(1) + ' M' : n >= 1e3 ? (n / 1e3).toFixed(1) + ' k' : String(Math.round(n));
  const time = (t) => t ? new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z') : '—';
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // ---- incidents -------------------------------------------------------------------------------------------------
  async function loadIncidents() {
    const page = await json('/api/v1/incidents?limit=200');
    for (const incident of page.incidents) state.incidents.set(incident.id, incident);
    renderIncidents();
  }

  function renderIncidents() {
    const body = $('incidents').tBodies[0];
    body.replaceChildren();
    const list = [...state.incidents.values()].sort((a, b) => (b.start || '').localeCompare(a.start || ''));
    $('incident-count').textContent = list.filter((i) => i.status !== 'ended').length + ' open, ' + list.length + ' shown';
    for (const incident of list) {
      const row = el('tr');
      row.dataset.id = incident.id;
      row.dataset.target = incident.target;
      if (incident.id === state.selected) row.className = 'selected';
      row.append(el('td', incident.status, 'status-' + incident.status), el('td', incident.target),
        el('td', (incident.vectors || []).map((v) => v.name).join(', ')), el('td', time(incident.start)), el('td', fmt(incident.peak_pps)));
      row.addEventListener('click', () => select(incident.id));
      body.append(row);
    }
  }

  async function select(id) {
    state.selected = id;
    renderIncidents();
    renderDetail();
    const incident = state.incidents.get(id);
    if (incident && incident.target !== state.target && incident.target.indexOf('/') < 0) setTarget(incident.target);
    await loadTimeline();
  }

  function renderDetail() {
    const incident = state.incidents.get(state.selected);
    if (!incident) return;
    $('detail-id').textContent = incident.id;
    const dl = el('dl');
    const add = (k, v) => { dl.append(el('dt', k), el('dd', v)); };
    add('target', incident.target + ' (' + incident.direction + (incident.group ? ', group ' + incident.group : '') + ')');
    add('status', incident.status);
    add('start → end', time(incident.start) + ' → ' + time(incident.end));
    add('detected', time(incident.detected));
    add('peak', fmt(incident.peak_pps) + ' pps, ' + fmt(incident.peak_bps) + 'bit/s');
    add('traffic', fmt(incident.packets) + ' packets, ' + fmt(incident.bytes) + 'B');
    add('vectors', (incident.vectors || []).map((v) => v.name + ' ' + Math.round(v.share * 100) + ' %').join(', ') || '—');
    add('sources', fmt(incident.unique_sources) + ' unique' + (incident.spoofed_sources_likely ? ', likely spoofed' : ''));
    add('top sources', (incident.top_sources || []).slice(0, 5).map((s) => s.address + ' (' + fmt(s.packets) + ')').join(', ') || '—');
    add('botnet', incident.botnet ? incident.botnet.family + ' (confidence ' + incident.botnet.confidence + '): ' + incident.botnet.evidence.join('; ') : '—');
    const fp = incident.fingerprint;
    add('fingerprint', fp ? fp.filter + ' (coverage ' + Math.round(fp.coverage * 100) + ' %, collateral ' + (fp.collateral * 100).toFixed(2) + ' %)' : '—');
    $('detail').replaceChildren(dl);
    $('detail').className = '';
    $('operator').hidden = false;
  }

  async function loadTimeline() {
    const id = state.selected;
    if (!id) return;
    const response = await api('/api/v1/incidents/' + encodeURIComponent(id) + '/timeline');
    if (!response.ok || id !== state.selected) return;
    const timeline = await response.json();
    const notes = $('notes');
    notes.replaceChildren();
    if (timeline.acknowledged) notes.append(el('li', time(timeline.acknowledged.time) + ' acknowledged by ' + timeline.acknowledged.by));
    for (const n of timeline.notes) notes.append(el('li', time(n.time) + ' ' + n.author + ': ' + n.text));
    $('ack').disabled = !!timeline.acknowledged;
    drawTimeline(timeline.series);
  }

  function drawTimeline(series) {
    const vectors = [...new Set(series.map((p) => p.vector))];
    const seconds = [...new Set(series.map((p) => Date.parse(p.time) / 1000))].sort((a, b) => a - b);
    const index = new Map(seconds.map((s, i) => [s, i]));
    const data = [seconds, ...vectors.map(() => seconds.map(() => 0))];
    for (const p of series) data[1 + vectors.indexOf(p.vector)][index.get(Date.parse(p.time) / 1000)] = p.packets;
    chart('timeline', $('timeline-chart'), vectors.map((v, i) => ({ label: v, stroke: COLORS[i % COLORS.length], width: 2 })), data, 200);
  }

  async function operator(path, body) {
    $('operator-error').textContent = '';
    const response = await api('/api/v1/incidents/' + encodeURIComponent(state.selected) + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      $('operator-error').textContent = problem.detail || ('HTTP ' + response.status);
      return false;
    }
    await loadTimeline();
    return true;
  }

  // ---- traffic ---------------------------------------------------------------------------------------------------
  function stackValues(c, packets) {
    const tcpOther = Math.max(0, c.tcp - c.syn - c.ack - c.rst - c.fin);
    const other = Math.max(0, packets - c.tcp - c.udp - c.icmp);
    return [c.syn, c.ack, c.rst, c.fin, tcpOther, c.udp, c.icmp, other];
  }

  async function setTarget(address) {
    state.target = address;
    const select = $('target');
    if (![...select.options].some((o) => o.value === address)) select.append(new Option(address, address));
    select.value = address;
    const to = new Date();
    const from = new Date(to.getTime() - 3600 * 1000);
    const body = await json('/api/v1/hosts/' + encodeURIComponent(address) + '/traffic?step=60&from=' + from.toISOString() + '&to=' + to.toISOString());
    if (address !== state.target) return;
    // Minute buckets give average rates; per class, the share of the minute's packets times its average rate.
    state.history = body.points.map((p) => [Date.parse(p.time) / 1000, stackValues(p.classes, p.packets).map((v) => p.packets ? v / p.packets * p.average_pps : 0)]);
    state.live.clear();
    drawTraffic();
  }

  function onTraffic(event) {
    for (const t of event.targets) {
      if (t.target === state.target) state.live.set(t.second, stackValues(t, t.packets));
    }
    const cutoff = Date.now() / 1000 - 3600;
    for (const s of state.live.keys()) if (s < cutoff) state.live.delete(s);
    const select = $('target');
    for (const t of event.targets) if (![...select.options].some((o) => o.value === t.target)) select.append(new Option(t.target, t.target));
    if (!state.target && event.targets.length) setTarget(event.targets[0].target);
    else drawTraffic();
  }

  function drawTraffic() {
    const lastHistory = state.history.length ? state.history[state.history.length - 1][0] + 60 : 0;
    const rows = state.history.concat([...state.live.entries()].filter(([s]) => s >= lastHistory).sort((a, b) => a[0] - b[0]));
    const xs = rows.map((r) => r[0]);
    // Stacked areas: cumulative sums drawn from the top one down, so each fill covers the ones below it.
    const cumulative = CLASSES.map((_, k) => rows.map((r) => r[1].slice(0, k + 1).reduce((a, b) => a + b, 0)));
    const order = CLASSES.map((_, k) => CLASSES.length - 1 - k);
    chart('traffic', $('traffic-chart'), order.map((k) => ({ label: CLASSES[k], stroke: COLORS[k], fill: COLORS[k] + '99', width: 1 })),
      [xs, ...order.map((k) => cumulative[k])], 260);
  }

  function chart(name, container, series, data, height) {
    const old = state.charts[name];
    if (old && old.series.length === series.length + 1 && old.series.every((s, i) => i === 0 || s.label === series[i - 1].label)) {
      old.setData(data);
      return;
    }
    if (old) old.destroy();
    const width = Math.max(300, container.clientWidth || 600);
    state.charts[name] = new uPlot({ width, height, series: [{}, ...series], axes: [{ stroke: '#8898a8' }, { stroke: '#8898a8', size: 60 }], scales: { x: { time: true } } }, data, container);
  }

  // ---- collectors ------------------------------------------------------------------------------------------------
  async function loadCollectors() {
    const now = await json('/api/v1/collectors');
    const before = state.collectors;
    const seconds = before ? (Date.parse(now.time) - Date.parse(before.time)) / 1000 : 0;
    const body = $('collectors').tBodies[0];
    body.replaceChildren();
    for (const c of now.collectors) {
      const prev = before && before.collectors.find((p) => p.name === c.name);
      const rate = (k) => prev && seconds > 0 ? fmt((c[k] - prev[k]) / seconds) : '—';
      const drops = Object.entries(c.drops).map(([k, v]) => k + ' ' + v).join(', ') || '0';
      const exporters = c.exporters.map((e) => e.address + (e.sampling_rate ? ' 1:' + e.sampling_rate : '')).join(', ') || '—';
      const row = el('tr');
      row.append(el('td', c.name), el('td', c.listen.join(', ')), el('td', rate('datagrams')), el('td', rate('records')), el('td', fmt(c.records)),
        el('td', drops, Object.keys(c.drops).length ? 'error' : ''), el('td', exporters));
      body.append(row);
    }
    $('queue').textContent = 'decode queue ' + now.queue_depth;
    state.collectors = now;
  }

  // ---- server-sent events over fetch (EventSource cannot send the Authorization header) ------------------------------
  async function stream() {
    for (;;) {
      try {
        const response = await api('/api/v1/events', { headers: { Accept: 'text/event-stream' } });
        if (!response.ok || !response.body) throw new Error('events: ' + response.status);
        $('live').textContent = 'live';
        $('live').className = 'badge on';
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data) onEvent(JSON.parse(data));
          }
        }
      } catch (e) {
        if (!token()) return;
      }
      $('live').textContent = 'reconnecting';
      $('live').className = 'badge off';
      await new Promise((r) => setTimeout(r, 3000));
    }
  }

  function onEvent(event) {
    if (event.event.startsWith('incident.') && event.incident) {
      state.incidents.set(event.incident.id, event.incident);
      renderIncidents();
      if (!state.selected || (event.event === 'incident.started' && state.incidents.get(state.selected).status === 'ended')) select(event.incident.id);
      else if (event.incident.id === state.selected) { renderDetail(); loadTimeline(); }
    } else if ((event.event === 'incident.acknowledged' || event.event === 'incident.note') && event.incident_id === state.selected) {
      loadTimeline();
    } else if (event.event === 'traffic') {
      onTraffic(event);
    }
  }

  // ---- start -----------------------------------------------------------------------------------------------------
  let started = false;
  async function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    if (started) return;
    started = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    try {
      await loadIncidents();
      await loadCollectors();
      const hosts = await json('/api/v1/hosts?limit=20');
      for (const h of hosts.hosts) $('target').append(new Option(h.address, h.address));
      const first = [...state.incidents.values()][0];
      if (first) await select(first.id);
      else if (hosts.hosts.length) await setTarget(hosts.hosts[0].address);
    } catch (e) {
      if (!token()) return;
    }
    stream();
    setInterval(() => { if (token()) loadCollectors().catch(() => {}); }, 5000);
  }

  takeTokenFromFragment();
  // A URL with #token=… opened in a tab that already shows the page changes only the fragment: no reload.
  window.addEventListener('hashchange', () => {
    takeTokenFromFragment();
    if (token()) start();
  });
  setInterval(() => { $('clock').textContent = time(new Date().toISOString()); }, 1000);
  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('logout').addEventListener('click', () => logout(''));
  $('target').addEventListener('change', () => setTarget($('target').value));
  $('ack').addEventListener('click', () => operator('/ack'));
  $('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await operator('/notes', { text: $('note').value })) $('note').value = '';
  });
  if (token()) start(); else logout('');
})();
