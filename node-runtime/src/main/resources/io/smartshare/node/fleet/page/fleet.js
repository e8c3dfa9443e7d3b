// The fleet page: reads fleet.json from the node that serves it every two seconds and draws
// its members as a table and the mesh as a graph. Text from members is only ever set as
// text (textContent, attributes), never parsed as HTML.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const REFRESH_MS = 2000;

function el(name, attributes, text) {
  const node = name === 'svg' || ['g', 'line', 'circle', 'text', 'title'].includes(name)
    ? document.createElementNS(SVG, name) : document.createElement(name);
  Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function short(id) {
  return id ? id.slice(0, 10) : '';
}

function bytes(n) {
  if (n === undefined) {
    return '';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}

function earned(summary) {
  if (!summary) {
    return '';
  }
  const e = summary.earnings;
  if (e['estimate-micro-tokens'] !== undefined) {
    return '~' + (e['estimate-micro-tokens'] / 1e6).toFixed(6) + ' T (estimate)';
  }
  const units = Object.entries(e.units).map(([r, a]) => r + ' ' + a);
  return units.length ? units.join(', ') : '0';
}

function settled(summary) {
  if (!summary || summary.earnings['settled-epoch'] === undefined) {
    return 'none yet';
  }
  return 'epoch ' + summary.earnings['settled-epoch'] + ': '
    + (summary.earnings['settled-reward-micro-tokens'] / 1e6).toFixed(6) + ' T';
}

function renderTable(members) {
  const body = document.querySelector('#members tbody');
  const rows = members.map(m => {
    const s = m.summary;
    const row = el('tr', { 'data-node': m.node, class: m.online ? 'online' : 'offline' });
    row.append(
      el('td', { title: m.node }, short(m.node)),
      el('td', {}, s ? s.board : ''),
      el('td', { class: 'state', title: m.problem || '' }, m.online ? 'online' : 'offline'),
      el('td', { class: s && s.health !== 'up' ? 'degraded' : '', title: s ? s.problems.join('; ') : '' },
        s ? s.health + (s.problems.length ? ' (' + s.problems.join('; ') + ')' : '') : ''),
      el('td', { title: s && s.parent ? s.parent : '' }, s && s.parent ? short(s.parent) : (s && s.gateway ? 'gateway' : '')),
      el('td', { class: 'number' }, s ? String(s.rank) : ''),
      el('td', { class: 'number' }, s ? bytes(s['relay-provided-bytes']) : ''),
      el('td', { class: 'number' }, s ? bytes(s['relay-consumed-bytes']) : ''),
      el('td', {}, earned(s)),
      el('td', {}, settled(s)));
    return row;
  });
  body.replaceChildren(...rows);
}

// Rows by depth below a gateway (parents first); nodes with no route to a gateway go last.
function layers(members) {
  const byId = new Map(members.map(m => [m.node, m]));
  const depth = new Map();
  const depthOf = (id, seen) => {
    if (depth.has(id)) {
      return depth.get(id);
    }
    const m = byId.get(id);
    const s = m && m.summary;
    let d = Infinity;
    if (s && s.gateway) {
      d = 0;
    } else if (s && s.parent && byId.has(s.parent) && !seen.has(id)) {
      seen.add(id);
      d = depthOf(s.parent, seen) + 1;
    }
    depth.set(id, d);
    return d;
  };
  members.forEach(m => depthOf(m.node, new Set()));
  const finite = [...depth.values()].filter(Number.isFinite);
  const last = (finite.length ? Math.max(...finite) : -1) + 1;
  const rows = [];
  members.forEach(m => {
    const d = Number.isFinite(depth.get(m.node)) ? depth.get(m.node) : last;
    (rows[d] = rows[d] || []).push(m.node);
  });
  return rows.filter(Boolean);
}

function renderGraph(members) {
  const svg = document.getElementById('graph');
  const width = svg.clientWidth || 800;
  const height = svg.clientHeight || 320;
  const rows = layers(members);
  const at = new Map();
  rows.forEach((ids, r) => ids.forEach((id, i) => at.set(id, {
    x: Math.round(width * (i + 1) / (ids.length + 1)),
    y: Math.round(40 + (height - 80) * (rows.length === 1 ? 0.5 : r / (rows.length - 1)))
  })));
  const edges = el('g', { class: 'edges' });
  const parents = new Set();
  members.forEach(m => {
    const s = m.summary;
    if (s && s.parent && at.has(s.parent)) {
      parents.add([m.node, s.parent].sort().join(' '));
      edges.append(line(m.node, s.parent, 'edge parent', at));
    }
  });
  const links = new Set();
  members.forEach(m => (m.summary ? m.summary.links : []).forEach(l => {
    const pair = [m.node, l.node].sort().join(' ');
    if (at.has(l.node) && !parents.has(pair) && !links.has(pair)) {
      links.add(pair);
      edges.append(line(m.node, l.node, 'edge link', at));
    }
  }));
  const nodes = el('g', { class: 'members' });
  members.forEach(m => {
    const p = at.get(m.node);
    const gateway = m.summary && m.summary.gateway;
    const g = el('g', {
      class: 'member ' + (m.online ? 'online' : 'offline') + (gateway ? ' gateway' : ''),
      'data-node': m.node
    });
    g.append(el('circle', { cx: p.x, cy: p.y, r: 14 }), el('text', { x: p.x, y: p.y + 28 }, short(m.node)),
      el('title', {}, m.node + (m.online ? ' online' : ' offline: ' + (m.problem || ''))));
    nodes.append(g);
  });
  svg.replaceChildren(edges, nodes);
}

function line(from, to, kind, at) {
  const a = at.get(from);
  const b = at.get(to);
  return el('line', { class: kind, 'data-from': from, 'data-to': to, x1: a.x, y1: a.y, x2: b.x, y2: b.y });
}

async function refresh() {
  const status = document.getElementById('status');
  try {
    const response = await fetch('fleet.json', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    const fleet = await response.json();
    renderTable(fleet.members);
    renderGraph(fleet.members);
    const online = fleet.members.filter(m => m.online).length;
    status.textContent = 'node ' + short(fleet.node) + ' · ' + fleet.members.length + ' members, ' + online
      + ' online · updated ' + new Date(fleet.at).toLocaleTimeString();
    status.className = '';
    document.body.dataset.updated = String(fleet.at);
  } catch (e) {
    status.textContent = 'cannot reach the node: ' + e.message;
    status.className = 'stale';
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
