// Eyrie's dashboard: plain DOM, no framework, no build step. The page's CSP allows no inline script or
// style, so everything here is built with createElement and styled by class from dashboard.css.
'use strict';

(() => {
  const TOKEN_KEY = 'eyrie.adminToken';
  const POLL_MS = 1000;
  const WINDOW_SECONDS = 120;
  const LOG_KEEP = 100;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const $ = (selector) => document.querySelector(selector);
  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

  // ---------- small DOM helpers ----------

  function h(tag, attributes, ...children) {
    return fill(document.createElement(tag), attributes, children);
  }

  function svg(tag, attributes, ...children) {
    return fill(document.createElementNS(SVG_NS, tag), attributes, children);
  }

  function fill(element, attributes, children) {
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'text') {
        element.textContent = value;
      } else if (name.startsWith('on')) {
        element.addEventListener(name.slice(2), value);
      } else {
        element.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) {
        element.append(child);
      }
    }
    return element;
  }

  // Writes only what changed: the page is refreshed every second, and rewriting equal text would
  // reset selections and make screen readers repeat themselves.
  function setText(element, value) {
    const text = String(value);
    if (element.textContent !== text) {
      element.textContent = text;
    }
  }

  // Rebuilds a part of the page only when its data changed.
  function renderIfChanged(holder, key, data, render) {
    const json = JSON.stringify(data);
    if (holder[key] !== json) {
      holder[key] = json;
      render();
    }
  }

  // ---------- formatting ----------

  function duration(totalSeconds) {
    const s = Math.max(0, Math.floor(totalSeconds));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${s % 60} s`;
    const hours = Math.floor(m / 60);
    if (hours < 24) return `${hours} h ${m % 60} min`;
    return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  }

  function kilobytes(kb) {
    if (kb === null || kb === undefined) return '–';
    if (kb < 1024) return `${kb} KB`;
    if (kb < 1024 * 1024) return `${(kb / 1024).toFixed(1)} MB`;
    return `${(kb / 1024 / 1024).toFixed(2)} GB`;
  }

  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '–';
  }

  function number(value, digits = 0) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
  }

  // ---------- the admin API ----------

  class Unauthorized extends Error {}

  // The token comes in the fragment (#token=…), which the browser never sends: kept for this tab only
  // and taken out of the address bar, so it is not bookmarked or shown on screen.
  function takeTokenFromFragment() {
    const token = new URLSearchParams(location.hash.slice(1)).get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    const response = await fetch(path, { ...options, headers, cache: 'no-store' });
    if (response.status === 401) {
      askForToken(await readBody(response));
      throw new Unauthorized('the admin token is missing or wrong');
    }
    return response;
  }

  // A JSON answer or an RFC 9457 problem; whatever else comes is described, not thrown.
  async function readBody(response) {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      return { title: `${response.status} ${response.statusText}`, detail: text.slice(0, 300) };
    }
  }

  function problemText(problem, response) {
    const title = problem.title || `${response.status} ${response.statusText}`;
    return problem.detail ? `${title}: ${problem.detail}` : title;
  }

  // ---------- the token form ----------

  let authorized = false;
  let tokenTried = false;

  function askForToken(problem) {
    authorized = false;
    pollGeneration++;
    clearTimeout(pollTimer);
    stopLog();
    $('#main').hidden = true;
    const form = byTestId('token-form');
    setText(byTestId('token-problem'), tokenTried
      ? 'That token was refused.'
      : (problem && problem.detail) || 'Enter the admin token to continue.');
    if (form.hidden) {
      form.hidden = false;
      byTestId('token-input').focus();
    }
    setConnection('needs the admin token', false);
  }

  function onTokenSubmitted(event) {
    event.preventDefault();
    const input = byTestId('token-input');
    const token = input.value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    input.value = '';
    tokenTried = true;
    byTestId('token-form').hidden = true;
    startPolling();
  }

  function onAuthorized() {
    if (authorized) return;
    authorized = true;
    tokenTried = false;
    byTestId('token-form').hidden = true;
    $('#main').hidden = false;
    followLog();
    if (!config.etag) {
      loadConfig();
    }
  }

  function setConnection(text, live) {
    const element = byTestId('connection');
    setText(element, text);
    element.classList.toggle('live', live);
  }

  // ---------- polling /api/status ----------

  let pollTimer = 0;
  let pollGeneration = 0;
  let lastReloadAt; // undefined until the first status: then the time of the last reload, or null for none

  function startPolling() {
    pollGeneration++;
    clearTimeout(pollTimer);
    poll(pollGeneration);
  }

  // One request at a time, the next a second after the last answer: a slow Eyrie is not piled upon.
  async function poll(generation) {
    try {
      const response = await api('/api/status');
      const body = await readBody(response);
      if (!response.ok) throw new Error(problemText(body, response));
      if (generation !== pollGeneration) return;
      onAuthorized();
      render(body);
      setConnection('live', true);
    } catch (error) {
      if (error instanceof Unauthorized || generation !== pollGeneration) return;
      setConnection(`Eyrie does not answer (${error.message}); retrying`, false);
    }
    if (generation === pollGeneration) {
      pollTimer = setTimeout(() => poll(generation), POLL_MS);
    }
  }

  function render(status) {
    record(status);
    renderEyrie(status.eyrie);
    renderSites(status.sites || []);
    renderFarms(status.farms || []);
  }

  function renderEyrie(eyrie) {
    setText(byTestId('eyrie-version'), eyrie.version);
    setText(byTestId('eyrie-pid'), eyrie.processId);
    setText(byTestId('eyrie-uptime'), duration(eyrie.uptimeSeconds));
    setText(byTestId('eyrie-memory'), kilobytes(eyrie.residentKb));
    setText(byTestId('eyrie-cpu'), `${number(eyrie.cpuSeconds, 1)} s`);
    setText(byTestId('config-file'), eyrie.configFile ? `File: ${eyrie.configFile}` : 'Eyrie runs without a configuration file (eyrie host).');
    config.file = eyrie.configFile;

    const reload = byTestId('eyrie-reload');
    const last = eyrie.lastReload;
    setText(reload, last ? `${last.applied ? 'applied' : 'rejected'} at ${clock(last.at)}` : 'none');
    reload.title = last ? last.message : '';
    reload.className = last ? (last.applied ? 'ok' : 'bad') : '';

    // The file was reloaded by someone else: show it, unless the editor holds unsaved changes.
    const at = last ? last.at : null;
    if (lastReloadAt !== undefined && at !== lastReloadAt && config.etag && !configDirty()) {
      refreshConfig();
    }
    lastReloadAt = at;
  }

  // ---------- history for the charts ----------

  const histories = new Map();

  function record(status) {
    const now = Date.now() / 1000;
    const names = new Set();
    for (const site of status.sites || []) {
      for (const app of site.applications) {
        names.add(app.name);
        const samples = histories.get(app.name) || [];
        const memory = {};
        for (const worker of app.workers) {
          if (worker.residentKb !== null && worker.residentKb !== undefined) {
            memory[worker.processId] = worker.residentKb;
          }
        }
        samples.push({ t: now, rps: app.requestsPerSecond, ms: app.averageMilliseconds, memory });
        while (samples.length && samples[0].t < now - WINDOW_SECONDS) {
          samples.shift();
        }
        histories.set(app.name, samples);
      }
    }
    for (const name of histories.keys()) {
      if (!names.has(name)) histories.delete(name);
    }
  }

  // A round upper bound for the chart's scale: 1, 2, 5 × 10^n.
  function niceCeiling(value) {
    if (!(value > 0)) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 5, 10]) {
      if (value <= step * magnitude) return step * magnitude;
    }
    return 10 * magnitude;
  }

  // Draws series of [time, value] over the last WINDOW_SECONDS into an SVG with a 0..300 × 0..80 box,
  // stretched to the figure's width (strokes keep their width), with a dot on each series' latest value.
  function drawChart(chart, series, describe, summary) {
    const width = 300;
    const height = 80;
    const now = Date.now() / 1000;
    const drawn = series.filter((s) => s.points.length);
    const max = niceCeiling(Math.max(0, ...drawn.flatMap((s) => s.points.map((p) => p[1]))));
    const x = (t) => (((t - (now - WINDOW_SECONDS)) / WINDOW_SECONDS) * width).toFixed(1);
    const y = (v) => (height - (v / max) * (height - 4)).toFixed(1);
    const flat = { 'vector-effect': 'non-scaling-stroke' };
    chart.svg.replaceChildren(
      svg('line', { class: 'grid', x1: 0, x2: width, y1: y(max), y2: y(max), ...flat }),
      svg('line', { class: 'grid', x1: 0, x2: width, y1: y(max / 2), y2: y(max / 2), ...flat }),
      svg('line', { class: 'axis', x1: 0, x2: width, y1: height, y2: height, ...flat }),
      ...drawn.map((s) => svg('polyline', { class: `line ${s.className}`, points: s.points.map((p) => `${x(p[0])},${y(p[1])}`).join(' '), ...flat })),
      // A zero-length line with round caps: a dot that stays round when the plot is stretched.
      ...drawn.map((s) => {
        const [t, v] = s.points[s.points.length - 1];
        return svg('line', { class: `dot ${s.className}`, x1: x(t), x2: x(t), y1: y(v), y2: y(v), ...flat });
      }));
    const latest = drawn.map((s) => s.points[s.points.length - 1][1]);
    const text = drawn.length ? (summary ? summary(latest) : describe(latest[0])) : 'no data';
    setText(chart.scale, `scale ${describe(max)}`);
    setText(chart.now, text);
    chart.svg.setAttribute('aria-label', `${chart.title} over the last two minutes: now ${text}; scale up to ${describe(max)}`);
  }

  function createChart(title, testId) {
    const chart = {
      title,
      svg: svg('svg', { viewBox: '0 0 300 80', preserveAspectRatio: 'none', role: 'img', class: 'chart-plot', 'data-testid': `${testId}-plot` }),
      now: h('span', { class: 'chart-now', 'data-testid': `${testId}-now` }),
      scale: h('span', { class: 'chart-scale' }),
      legend: h('ul', { class: 'legend', 'data-testid': `${testId}-legend` }),
    };
    chart.root = h('figure', { class: 'chart', 'data-testid': testId },
      h('figcaption', {}, h('span', { class: 'chart-title', text: title }), ' ', chart.now),
      chart.svg,
      h('div', { class: 'chart-foot' }, h('span', { text: '2 min ago' }), chart.scale, h('span', { text: 'now' })),
      chart.legend);
    return chart;
  }

  function drawCharts(view, name) {
    const samples = histories.get(name) || [];
    const rate = (v) => `${number(v, v < 10 ? 1 : 0)} req/s`;
    const milliseconds = (v) => `${number(v, v < 10 ? 1 : 0)} ms`;
    const megabytes = (v) => `${number(v, v < 10 ? 1 : 0)} MB`;
    drawChart(view.charts.rps, [{ className: 's0', points: samples.map((s) => [s.t, s.rps]) }], rate);
    drawChart(view.charts.latency, [{ className: 's1', points: samples.map((s) => [s.t, s.ms]) }], milliseconds);

    // One line per worker process that lived in the window: a recycle shows the old one ending, the new one starting.
    const pids = [...new Set(samples.flatMap((s) => Object.keys(s.memory)))].sort((a, b) => a - b);
    const series = pids.map((pid, index) => ({
      className: `s${index % 6}`,
      pid,
      points: samples.filter((s) => pid in s.memory).map((s) => [s.t, s.memory[pid] / 1024]),
    }));
    const current = samples.length ? samples[samples.length - 1].memory : {};
    drawChart(view.charts.memory, series, megabytes, () =>
      `${megabytes(Object.values(current).reduce((sum, kb) => sum + kb, 0) / 1024)} in all`);
    const legend = series.map((s) => [s.className, `pid ${s.pid}: ${s.pid in current ? megabytes(current[s.pid] / 1024) : 'gone'}`]);
    renderIfChanged(view, 'legendKey', legend, () => {
      view.charts.memory.legend.replaceChildren(...legend.map(([className, text]) => h('li', { class: className, text })));
    });
  }

  // ---------- sites, applications, workers ----------

  const siteViews = new Map();

  // Keeps each site's and application's elements from one refresh to the next, so an open <details>,
  // a focused button or an action in progress survives the refresh.
  function reconcile(container, views, items, keyOf, create, update) {
    const seen = new Set();
    items.forEach((item, index) => {
      const key = keyOf(item);
      seen.add(key);
      let view = views.get(key);
      if (!view) {
        view = create(item);
        views.set(key, view);
      }
      if (container.children[index] !== view.root) {
        container.insertBefore(view.root, container.children[index] || null);
      }
      update(view, item);
    });
    for (const [key, view] of views) {
      if (!seen.has(key)) {
        view.root.remove();
        views.delete(key);
      }
    }
  }

  function renderSites(sites) {
    const container = $('#sites');
    reconcile(container, siteViews, sites, (site) => site.name, createSite, updateSite);
    container.classList.toggle('empty', sites.length === 0);
  }

  function createSite(site) {
    const view = {
      apps: new Map(),
      bindings: h('ul', { class: 'bindings', 'data-testid': 'bindings', 'aria-label': `Bindings of ${site.name}` }),
      appList: h('div', { class: 'apps' }),
      vdirs: h('div', { class: 'vdirs' }),
    };
    view.root = h('article', { class: 'site', 'data-testid': `site-${site.name}` },
      h('h3', { text: site.name }), view.bindings, view.appList, view.vdirs);
    return view;
  }

  function updateSite(view, site) {
    renderIfChanged(view, 'bindingsKey', site.bindings, () => {
      view.bindings.replaceChildren(...site.bindings.map((b) => h('li', {
        class: b.listening ? 'binding listening' : 'binding down',
        'data-testid': 'binding',
      },
      h('code', { text: b.binding }), ' ',
      h('span', { class: 'badge', 'data-testid': 'binding-state', text: b.listening ? `listening on port ${b.boundPort}` : 'not listening' }))));
    });
    reconcile(view.appList, view.apps, site.applications, (app) => app.name, createApp, updateApp);
    renderIfChanged(view, 'vdirsKey', site.virtualDirectories, () => {
      view.vdirs.replaceChildren(...(site.virtualDirectories.length ? [table(
        `Virtual directories of ${site.name}`,
        ['Path', 'Folder', 'Requests', 'Req/s', 'Mean ms'],
        site.virtualDirectories.map((d) => [d.path, d.physicalPath, d.requests, number(d.requestsPerSecond, 1), number(d.averageMilliseconds, 1)]),
        'vdirs')] : []));
    });
  }

  function table(caption, headings, rows, testId) {
    return h('table', { 'data-testid': testId },
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col', text: heading })))),
      h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) => h('td', { text: cell }))))));
  }

  const ACTIONS = [
    { verb: 'start', label: 'Start', doing: 'Starting…' },
    { verb: 'stop', label: 'Stop', doing: 'Stopping…' },
    { verb: 'recycle', label: 'Recycle', doing: 'Recycling… (answers once the new worker took over)' },
  ];

  const WORKER_COLUMNS = [
    ['Worker', 'worker-id'], ['PID', 'worker-pid'], ['Port', 'worker-port'], ['State', 'worker-state'],
    ['Generation', 'worker-generation'], ['Uptime', 'worker-uptime'], ['Requests', 'worker-requests'],
    ['Active', 'worker-active'], ['Memory', 'worker-memory'], ['Private', 'worker-private'], ['CPU', 'worker-cpu'],
  ];

  function createApp(app) {
    const view = { name: app.name, busy: false, buttons: [] };
    const heading = h('h4', { text: app.name });
    view.state = h('span', { class: 'state', 'data-testid': 'app-state' });
    view.where = h('p', { class: 'where' });
    view.result = h('span', { class: 'result', 'data-testid': 'action-result', role: 'status', 'aria-live': 'polite' });
    view.actions = h('div', { class: 'actions' },
      ACTIONS.map((action) => {
        const button = h('button', {
          type: 'button',
          'data-testid': action.verb,
          'aria-label': `${action.label} ${app.name}`,
          text: action.label,
          onclick: () => runAction(view, action),
        });
        view.buttons.push(button);
        return button;
      }),
      view.result);
    view.numbers = h('dl', { class: 'numbers' });
    view.charts = {
      rps: createChart('Requests/s', 'chart-rps'),
      latency: createChart('Mean latency', 'chart-latency'),
      memory: createChart('Memory per worker', 'chart-memory'),
    };
    view.workers = h('tbody', {});
    view.workerTable = h('table', { class: 'workers', 'data-testid': 'workers' },
      h('caption', { text: `Workers of ${app.name}` }),
      h('thead', {}, h('tr', {}, WORKER_COLUMNS.map(([title]) => h('th', { scope: 'col', text: title })))),
      view.workers);
    view.failure = h('div', { class: 'failure-holder' });
    view.root = h('article', { class: 'app', 'data-testid': `app-${app.name}`, 'aria-label': `Application ${app.name}` },
      h('header', {}, heading, ' ', view.state),
      view.where,
      view.actions,
      view.numbers,
      h('div', { class: 'charts' }, view.charts.rps.root, view.charts.latency.root, view.charts.memory.root),
      view.workerTable,
      view.failure);
    return view;
  }

  function updateApp(view, app) {
    const farm = app.webFarm !== null && app.webFarm !== undefined;
    setText(view.state, app.state);
    view.state.className = `state state-${app.state.toLowerCase()}`;
    setText(view.where, farm ? `Forwards to the web farm ${app.webFarm}` : `Folder: ${app.physicalPath}`);
    view.actions.hidden = farm;
    view.workerTable.hidden = farm;
    view.charts.memory.root.hidden = farm;

    renderIfChanged(view, 'numbersKey', [app.generation, app.requests, app.errors, app.requestsInFlight, app.queuedRequests, app.restarts, app.lastExit, app.lastRecycle, app.requestsPerSecond, app.averageMilliseconds], () => {
      const facts = [
        ['Requests', app.requests, 'app-requests'],
        ['5xx errors', app.errors, 'app-errors'],
        ['In flight', app.requestsInFlight, 'app-in-flight'],
        ['Queued', app.queuedRequests, 'app-queued'],
        ['Req/s', number(app.requestsPerSecond, 1), 'app-rps'],
        ['Mean ms', number(app.averageMilliseconds, 1), 'app-latency'],
      ];
      if (!farm) {
        facts.push(
          ['Generation', app.generation, 'app-generation'],
          ['Restarts', app.restarts, 'app-restarts'],
          ['Last exit', app.lastExit ? `pid ${app.lastExit.processId}: ${app.lastExit.reason}${app.lastExit.requested ? '' : ' (not requested)'} at ${clock(app.lastExit.at)}` : 'none', 'app-last-exit'],
          ['Last recycle', app.lastRecycle ? `${app.lastRecycle.succeeded ? 'done' : 'failed'} at ${clock(app.lastRecycle.at)}: ${app.lastRecycle.reason}` : 'none', 'app-last-recycle']);
      }
      view.numbers.replaceChildren(...facts.map(([title, value, testId]) => h('div', {}, h('dt', { text: title }), h('dd', { 'data-testid': testId, text: value }))));
    });

    drawCharts(view, app.name);

    const rows = app.workers.map((w) => [
      w.id, w.processId, w.port, w.state + (w.inRotation ? '' : ' (out of rotation)'), w.generation,
      duration(w.uptimeSeconds), w.requests, w.activeRequests, kilobytes(w.residentKb), kilobytes(w.privateKb),
      w.cpuPercent === null || w.cpuPercent === undefined ? '–' : `${number(w.cpuPercent, 1)} %`,
    ]);
    renderIfChanged(view, 'workersKey', rows, () => {
      view.workers.replaceChildren(...(rows.length
        ? rows.map((cells, index) => h('tr', { 'data-testid': 'worker', 'data-pid': app.workers[index].processId },
          cells.map((cell, column) => h('td', { 'data-testid': WORKER_COLUMNS[column][1], text: cell }))))
        : [h('tr', {}, h('td', { colspan: WORKER_COLUMNS.length, class: 'muted', 'data-testid': 'no-worker', text: idleText(app.state) }))]));
    });

    renderIfChanged(view, 'failureKey', app.lastFailure, () => renderFailure(view, app.lastFailure));
  }

  function idleText(state) {
    if (state === 'Idle') return 'No worker yet: one starts with the first request.';
    if (state === 'Stopped') return 'Stopped: no worker runs until it is started.';
    return 'No worker running.';
  }

  // The last failure stays one element, so a reader's open <details> stays open while the page refreshes.
  function renderFailure(view, failure) {
    if (!failure) {
      view.failure.replaceChildren();
      return;
    }
    const details = [
      failure.exitCode !== null && failure.exitCode !== undefined ? h('p', { text: `Exit code: ${failure.exitCode}` }) : null,
      failure.commandLine ? h('p', {}, 'Command line: ', h('code', { text: failure.commandLine })) : null,
      h('pre', { class: 'output', 'data-testid': 'failure-output', text: failure.output || '(no output captured)' }),
    ];
    view.failure.replaceChildren(h('details', { class: 'failure', 'data-testid': 'last-failure' },
      h('summary', {}, h('strong', { text: `Last failure (${failure.kind})` }), ` at ${clock(failure.at)}: `, h('span', { 'data-testid': 'failure-message', text: failure.message })),
      details));
  }

  async function runAction(view, action) {
    if (view.busy) return;
    view.busy = true;
    view.buttons.forEach((button) => { button.disabled = true; });
    view.result.className = 'result pending';
    setText(view.result, action.doing);
    try {
      const response = await api(`/api/applications/${action.verb}?name=${encodeURIComponent(view.name)}`, { method: 'POST' });
      const body = await readBody(response);
      view.result.className = response.ok ? 'result ok' : 'result bad';
      setText(view.result, response.ok ? `${body.status}${body.message ? `: ${body.message}` : ''}` : problemText(body, response));
    } catch (error) {
      view.result.className = 'result bad';
      setText(view.result, error instanceof Unauthorized ? 'Not done: the admin token is needed.' : `Not done: ${error.message}`);
    } finally {
      view.busy = false;
      view.buttons.forEach((button) => { button.disabled = false; });
      if (authorized) startPolling();
    }
  }

  // ---------- web farms ----------

  const farmView = {};

  function renderFarms(farms) {
    $('#farms-section').hidden = farms.length === 0;
    renderIfChanged(farmView, 'key', farms, () => {
      byTestId('farms').replaceChildren(...farms.map((farm) => table(
        farm.name,
        ['Server', 'Address', 'In rotation', 'Active health', 'Passive health', 'Active requests'],
        farm.servers.map((s) => [s.id, s.address, s.inRotation ? 'yes' : 'no', s.activeHealth, s.passiveHealth, s.activeRequests]),
        `farm-${farm.name}`)));
    });
  }

  // ---------- the live log: warnings and errors ----------

  let logAbort = null;

  function stopLog() {
    if (logAbort) {
      logAbort.abort();
      logAbort = null;
    }
  }

  // fetch and a stream reader, not EventSource: EventSource cannot send the Authorization header.
  async function followLog() {
    stopLog();
    const controller = new AbortController();
    logAbort = controller;
    const state = byTestId('log-state');
    try {
      const response = await api('/api/logs?level=warning&tail=50&follow=true', { signal: controller.signal });
      if (!response.ok) throw new Error(problemText(await readBody(response), response));
      byTestId('log-errors').replaceChildren();
      setText(state, '(following)');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end).trim();
          buffer = buffer.slice(end + 1);
          if (line) addLogEntry(JSON.parse(line));
        }
      }
    } catch (error) {
      if (error instanceof Unauthorized || controller.signal.aborted) return;
      setText(state, `(disconnected: ${error.message})`);
    }
    if (logAbort !== controller) return;
    setText(state, '(disconnected; reconnecting)');
    setTimeout(() => { if (logAbort === controller && authorized) followLog(); }, 3000);
  }

  function addLogEntry(entry) {
    const list = byTestId('log-errors');
    const item = h('li', { class: `level-${entry.level}`, 'data-testid': 'log-entry' },
      h('time', { datetime: entry.time, text: clock(entry.time) }), ' ',
      h('span', { class: 'level', text: entry.level }), ' ',
      entry.application ? h('span', { class: 'app', text: entry.application }) : null, ' ',
      entry.processId ? h('span', { class: 'muted', text: `pid ${entry.processId}` }) : null, ' ',
      h('span', { class: 'source muted', text: entry.source }),
      h('div', { class: 'message', text: entry.message }));
    list.prepend(item);
    while (list.children.length > LOG_KEEP) {
      list.lastElementChild.remove();
    }
  }

  // ---------- the configuration editor ----------

  const config = { etag: null, loaded: '', file: null, marks: new Map() };
  const editor = () => byTestId('config-editor');

  function configDirty() {
    return editor().value !== config.loaded;
  }

  function setConfigStatus(text, kind) {
    const status = byTestId('config-status');
    setText(status, text);
    status.className = `config-status ${kind || ''}`;
  }

  async function loadConfig() {
    try {
      const response = await api('/api/config');
      if (!response.ok) {
        setConfigStatus(problemText(await readBody(response), response), 'bad');
        editor().readOnly = true;
        byTestId('config-save').disabled = true;
        return;
      }
      config.etag = response.headers.get('ETag');
      config.loaded = await response.text();
      editor().value = config.loaded;
      editor().readOnly = false;
      byTestId('config-save').disabled = false;
      showDiagnostics([]);
      setConfigStatus(`loaded at ${clock(new Date().toISOString())}`, '');
    } catch (error) {
      if (!(error instanceof Unauthorized)) setConfigStatus(`Not loaded: ${error.message}`, 'bad');
    }
  }

  // After a reload: the file as it is now, if it is not what the editor shows (a save from here is).
  async function refreshConfig() {
    try {
      const response = await api('/api/config');
      if (response.ok && response.headers.get('ETag') !== config.etag && !configDirty()) {
        await loadConfig();
        setConfigStatus(`the file changed on disk; reloaded at ${clock(new Date().toISOString())}`, '');
      }
    } catch {
      // The next reload tries again; the status line says whether Eyrie answers.
    }
  }

  async function saveConfig() {
    const save = byTestId('config-save');
    if (!config.etag) return;
    save.disabled = true;
    setConfigStatus('applying…', 'pending');
    const text = editor().value;
    try {
      const response = await api('/api/config', {
        method: 'PUT',
        headers: { 'If-Match': config.etag, 'Content-Type': 'application/json' },
        body: text,
      });
      const body = await readBody(response);
      if (response.ok) {
        config.etag = response.headers.get('ETag') || config.etag;
        config.loaded = text;
        showDiagnostics(body.warnings || []);
        setConfigStatus(`applied${body.message ? ` — ${body.message}` : ''}`, 'ok');
      } else if (response.status === 412) {
        showDiagnostics([]);
        setConfigStatus('changed meanwhile — reload to see the file as it is now (your edit is lost on reload: copy it first)', 'bad');
      } else {
        showDiagnostics(body.diagnostics || [], true);
        setConfigStatus(`not applied: ${problemText(body, response)}`, 'bad');
      }
    } catch (error) {
      if (!(error instanceof Unauthorized)) setConfigStatus(`not saved: ${error.message}`, 'bad');
    } finally {
      save.disabled = false;
    }
  }

  // A diagnostic in eyrie.json itself marks its line; one in a web.config is listed with its file.
  function inEditor(diagnostic) {
    return diagnostic.line > 0 && (!diagnostic.file || !config.file || diagnostic.file === config.file);
  }

  function showDiagnostics(diagnostics, jump) {
    config.marks = new Map();
    for (const d of diagnostics.filter(inEditor)) {
      const messages = config.marks.get(d.line) || [];
      messages.push(`${d.severity}: ${d.key ? `${d.key}: ` : ''}${d.message}`);
      config.marks.set(d.line, messages);
    }
    renderGutter(true);
    byTestId('config-errors').replaceChildren(...diagnostics.map((d) => {
      const here = inEditor(d);
      const where = here ? `${d.line}:${d.column}` : (d.file ? `${d.file}${d.line > 0 ? `(${d.line},${d.column})` : ''}` : '');
      return h('li', { class: d.severity, 'data-testid': 'config-error', 'data-line': here ? d.line : null },
        here
          ? h('button', { type: 'button', class: 'at', 'data-testid': 'config-error-at', 'aria-label': `Go to line ${d.line}`, text: where, onclick: () => goToLine(d.line) })
          : (where ? h('span', { class: 'at', text: where }) : null),
        ' ',
        h('span', { class: 'severity', text: d.severity }), ' ',
        d.key ? h('code', { class: 'key', 'data-testid': 'config-error-key', text: d.key }) : null, ' ',
        h('span', { 'data-testid': 'config-error-message', text: d.message }));
    }));
    const first = diagnostics.find(inEditor);
    if (jump && first) {
      goToLine(first.line);
    }
  }

  // Selects the line in the editor and scrolls it into view: a <textarea> cannot colour a line, the
  // gutter marks it instead.
  function goToLine(line) {
    const area = editor();
    const lines = area.value.split('\n');
    const index = Math.min(Math.max(line, 1), lines.length) - 1;
    const start = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
    const end = start + lines[index].length;
    area.focus();
    area.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, index * lineHeight - area.clientHeight / 3);
    area.scrollLeft = 0;
    syncGutter();
  }

  let gutterLines = -1;

  function renderGutter(force) {
    const count = editor().value.split('\n').length;
    if (!force && count === gutterLines) return;
    gutterLines = count;
    const gutter = byTestId('config-gutter');
    const lines = [];
    for (let line = 1; line <= count; line++) {
      const messages = config.marks.get(line);
      lines.push(messages
        ? h('div', { class: 'mark', 'data-testid': 'gutter-error', 'data-line': line, title: messages.join('\n'), text: line })
        : h('div', { text: line }));
    }
    gutter.replaceChildren(...lines);
    syncGutter();
  }

  function syncGutter() {
    byTestId('config-gutter').scrollTop = editor().scrollTop;
  }

  // ---------- start ----------

  function start() {
    takeTokenFromFragment();
    byTestId('token-form').addEventListener('submit', onTokenSubmitted);
    byTestId('config-save').addEventListener('click', saveConfig);
    byTestId('config-reload').addEventListener('click', () => {
      if (!configDirty() || confirm('Discard your changes and load the file as it is on disk?')) loadConfig();
    });
    byTestId('config-save').disabled = true;
    editor().addEventListener('input', () => renderGutter(false));
    editor().addEventListener('scroll', syncGutter);
    // Ctrl/Cmd+S saves, as in an editor. Tab is left alone: it must still move focus out of the field.
    editor().addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 's') {
        event.preventDefault();
        saveConfig();
      }
    });
    renderGutter(true);
    startPolling();
  }

  start();
})();
