// Breakwater dashboard, outage view: the timeline chart of the last 24 hours (the same SVG as `breakwater timeline
// --report`) and each wave with what overlaps or precedes it. Uses the token app.js keeps in sessionStorage.
(() => {
  'use strict';
  const KEY = 'breakwater.token';
  const $ = (id) => document.getElementById(id);

  async function get(path) {
    const token = sessionStorage.getItem(KEY);
    if (!token) return null;
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' });
    return response.ok ? response : null;
  }

  async function refresh() {
    const chart = $('outage-chart');
    const list = $('outage-waves');
    if (!chart || !list) return;
    const to = new Date();
    const from = new Date(to.getTime() - 24 * 3600 * 1000);
    const range = '?from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
    try {
      const svg = await get('/api/v1/timeline/chart.svg' + range);
      const doc = await get('/api/v1/timeline' + range);
      if (!svg || !doc) return;
      const parsed = new DOMParser().parseFromString(await svg.text(), 'image/svg+xml').documentElement;
      chart.replaceChildren(document.importNode(parsed, true));
      chart.classList.remove('muted');
      const timeline = await doc.json();
      list.replaceChildren();
      for (const wave of timeline.waves) {
        const item = document.createElement('li');
        const shares = wave.categories.map((c) => c.name + ' ' + Math.round(c.share * 100) + ' %').join(', ');
        item.textContent = wave.start + ' → ' + wave.end + ', peak ' + wave.peak_count + ' (baseline ' + wave.baseline + ')' + (shares ? '; ' + shares : '');
        const related = document.createElement('ul');
        for (const link of wave.related) {
          const line = document.createElement('li');
          line.textContent = link.text;
          related.appendChild(line);
        }
        item.appendChild(related);
        list.appendChild(item);
      }
      if (timeline.waves.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No outage wave in the last 24 hours.' }));
    } catch (e) {
      chart.textContent = 'Outage view unavailable: ' + e.message;
    }
  }

  refresh();
  setInterval(refresh, 60000);
})();
