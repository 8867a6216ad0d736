// The operations screen: every figure comes from the public GraphQL API of this gateway, through the
// example operations of docs/operations (fetched from /dashboard/operations.json), and the live alarm
// list from their subscriptions LiveAlarms and FiguresChanged over Server-Sent Events (graphql-sse's
// protocol, distinct connections). A credential is taken from the address's fragment (#token=… or #key=…, never sent in a
// URL) and kept for the tab. Nothing is loaded from anywhere but this origin.
(function () {
  'use strict';

  var SYSTEMS = {
    permit: '许可 permit',
    inspection: '检验 inspection',
    elevator: '电梯 elevator',
    credit: '信用 credit',
    supervision: '监管 supervision',
  };
  // Where an alarm stands (ElevatorAlarmState); an event whose alarm is no longer served shows its change.
  var STATES = {
    RAISED: '待接警 Awaiting acceptance',
    ACCEPTED: '已接警 Accepted',
    RESCUER_ARRIVED: '已到达 Rescuer on site',
    RELEASED: '已解除 Released',
    CLOSED: '已结案 Closed',
  };
  var KINDS = {
    ENTRAPMENT: '困人 Entrapment',
    FAULT: '故障 Fault',
    DOOR_OPEN_MOVING: '开门走梯 Door open moving',
    OVER_SPEED: '超速 Over speed',
    POWER_LOSS: '停电 Power loss',
  };

  var state = { operations: {}, caller: null, district: null, districts: [], streams: [] };

  // ---- credentials -------------------------------------------------------------------------------
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.get('token'))
    sessionStorage.setItem('eg-credential', JSON.stringify({ authorization: 'Bearer ' + fragment.get('token') }));
  if (fragment.get('key'))
    sessionStorage.setItem('eg-credential', JSON.stringify({ 'x-api-key': fragment.get('key') }));
  if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  var credential = JSON.parse(sessionStorage.getItem('eg-credential') || '{}');

  function headers(extra) {
    return Object.assign(
      { 'content-type': 'application/json', 'apollographql-client-name': 'dashboard' },
      credential,
      extra || {},
    );
  }

  // ---- helpers -----------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'onclick') node.addEventListener('click', attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function fmtTime(iso) {
    if (!iso) return '—';
    var d = new Date(iso);
    return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  }
  function pct(x) {
    return (x * 100).toFixed(1) + '%';
  }
  function districtName(code) {
    var d = state.districts.find(function (x) {
      return x.code === code;
    });
    return d ? d.name : code;
  }

  function run(name, variables) {
    return fetch('/graphql', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ query: state.operations[name], operationName: name, variables: variables || {} }),
    }).then(function (r) {
      return r.json();
    });
  }

  /** Marks a panel with when its data was counted, and with the systems a stale or partial answer names. */
  function mark(panel, answer, counted) {
    var meta = panel.querySelector('.meta');
    meta.textContent = '';
    panel.classList.remove('degraded');
    meta.appendChild(
      el('span', {
        text: counted
          ? '统计时间 Counted: ' + fmtTime(counted)
          : '查询时间 Queried: ' + fmtTime(new Date().toISOString()),
      }),
    );
    var systems = {};
    ((answer.extensions && answer.extensions.stale) || []).forEach(function (s) {
      systems[s.system] = '过期数据 stale ' + Math.round(s.ageSeconds) + ' s';
    });
    (answer.errors || []).forEach(function (e) {
      var system = (e.extensions && (e.extensions.system || e.extensions.subgraph)) || null;
      if (system) systems[system] = '部分缺失 partial: ' + (e.extensions.code || 'error');
      else if (e.extensions && e.extensions.code === 'FORBIDDEN')
        systems['scope ' + e.extensions.scope] = '无权限 forbidden';
    });
    Object.keys(systems).forEach(function (s) {
      panel.classList.add('degraded');
      meta.appendChild(el('span', { class: 'warn', 'data-system': s, text: (SYSTEMS[s] || s) + ' · ' + systems[s] }));
    });
  }

  function table(tableEl, head, rows) {
    tableEl.textContent = '';
    tableEl.appendChild(
      el('thead', {}, [
        el(
          'tr',
          {},
          head.map(function (h) {
            return el('th', { text: h });
          }),
        ),
      ]),
    );
    tableEl.appendChild(el('tbody', {}, rows));
  }

  // ---- panels ------------------------------------------------------------------------------------
  var chart = null;
  function loadFigures() {
    var panel = document.getElementById('figures');
    return run('CityOverview').then(function (answer) {
      var all = (answer.data && answer.data.districts) || [];
      state.districts = all.map(function (d) {
        return { code: d.code, name: d.name };
      });
      var mine = state.caller && state.caller.districts;
      var shown = all.filter(function (d) {
        return (!mine || mine.indexOf(d.code) >= 0) && (!state.district || d.code === state.district);
      });
      var counted = shown
        .map(function (d) {
          return (
            (d.equipmentStats && d.equipmentStats.computedAt) ||
            (d.elevatorStatistics && d.elevatorStatistics.refreshedAt)
          );
        })
        .filter(Boolean)
        .sort()[0];
      mark(panel, answer, counted);
      var n = function (v) {
        return v === null || v === undefined ? '—' : String(v);
      };
      table(
        document.getElementById('figures-table'),
        [
          '区 District',
          '在用设备 In use',
          '在用电梯 Elevators',
          '超15年 >15 y',
          '维保超期 Maint. overdue',
          '检验超期 Insp. overdue',
          '重大隐患 Major',
          '一般隐患 General',
          '整改超期 Rectif. overdue',
          '24h困人 Entrapments',
          '信用分类 Credit A/B/C/D',
        ],
        shown.map(function (d) {
          var e = d.equipmentStats || {},
            l = d.elevatorStatistics || {},
            c = d.creditStatistics;
          var credit = c
            ? c.enterprisesByRiskClass
                .map(function (x) {
                  return x.count;
                })
                .join(' / ')
            : '—';
          return el(
            'tr',
            {
              'data-district': d.code,
              class: 'clickable',
              onclick: function () {
                select(d.code);
              },
            },
            [
              el('td', { text: d.name }),
              el('td', { text: n(e.equipmentInUse) }),
              el('td', { text: n(l.total) }),
              el('td', { text: n(l.overFifteenYears) }),
              el('td', { text: n(l.overdueMaintenance) }),
              el('td', { text: n(e.inspectionsOverdue) }),
              el('td', { text: n(e.openMajorHazards) }),
              el('td', { text: n(e.openGeneralHazards) }),
              el('td', { text: n(e.rectificationsOverdue) }),
              el('td', { text: n(l.entrapmentsLast24h) }),
              el('td', { text: credit }),
            ],
          );
        }),
      );
      if (!chart && window.echarts) {
        chart = window.echarts.init(document.getElementById('figures-chart'));
        chart.on('click', function (p) {
          var d = state.districts.find(function (x) {
            return x.name === p.name;
          });
          if (d) select(d.code);
        });
      }
      if (chart) {
        var series = function (name, pick) {
          return { name: name, type: 'bar', data: shown.map(pick) };
        };
        chart.setOption(
          {
            textStyle: { color: '#dbe7ff' },
            tooltip: { trigger: 'axis' },
            legend: { top: 0, textStyle: { color: '#dbe7ff' } },
            grid: { left: 40, right: 10, top: 40, bottom: 60 },
            xAxis: {
              type: 'category',
              data: shown.map(function (d) {
                return d.name;
              }),
              axisLabel: { rotate: 30 },
            },
            yAxis: { type: 'value' },
            series: [
              series('超15年电梯 >15 y', function (d) {
                return d.elevatorStatistics ? d.elevatorStatistics.overFifteenYears : null;
              }),
              series('维保超期 Maint. overdue', function (d) {
                return d.elevatorStatistics ? d.elevatorStatistics.overdueMaintenance : null;
              }),
              series('检验超期 Insp. overdue', function (d) {
                return d.equipmentStats ? d.equipmentStats.inspectionsOverdue : null;
              }),
              series('整改超期 Rectif. overdue', function (d) {
                return d.equipmentStats ? d.equipmentStats.rectificationsOverdue : null;
              }),
              series('24h困人 Entrapments', function (d) {
                return d.elevatorStatistics ? d.elevatorStatistics.entrapmentsLast24h : null;
              }),
            ],
          },
          true,
        );
      }
    });
  }

  function loadRanking() {
    var panel = document.getElementById('ranking');
    return run('MaintenanceRiskRanking', { district: scopeDistrict(), first: 10 }).then(function (answer) {
      var c = answer.data && answer.data.maintenanceCompanyRanking;
      mark(panel, answer, c && c.refreshedAt);
      table(
        panel.querySelector('table'),
        ['名次 Rank', '维保单位 Company', '电梯 Elevators', '超期 Overdue', '超期率 Ratio', '信用 Credit'],
        ((c && c.nodes) || []).filter(Boolean).map(function (r) {
          return el('tr', {}, [
            el('td', { text: String(r.rank) }),
            el('td', { text: r.company.name || r.company.uscc }),
            el('td', { text: String(r.elevatorsMaintained) }),
            el('td', { text: String(r.overdue) }),
            el('td', { text: pct(r.overdueRatio) }),
            el('td', { text: (r.company.credit && r.company.credit.riskClass) || '—' }),
          ]);
        }),
      );
    });
  }

  function loadHazards() {
    var panel = document.getElementById('hazards');
    return run('ClosedLoopHazards', { district: scopeDistrict(), first: 10, supervisedFirst: 10 }).then(
      function (answer) {
        mark(panel, answer, null);
        var d = answer.data || {};
        var rows = [];
        [
          ['整改超期 Overdue', d.overdueRectifications],
          ['挂牌督办 Supervised major', d.supervisedMajorHazards],
        ].forEach(function (pair) {
          var conn = pair[1];
          rows.push(
            el('tr', { class: 'group' }, [
              el('td', { colspan: '5', text: pair[0] + ' · ' + (conn ? conn.totalCount : '—') }),
            ]),
          );
          ((conn && conn.nodes) || []).filter(Boolean).forEach(function (h) {
            var eq = h.equipment || {};
            rows.push(
              el('tr', {}, [
                el('td', { text: h.id }),
                el('td', { text: h.level }),
                el('td', { text: h.deadline || '—' }),
                el('td', { text: eq.address || '—' }),
                el('td', { text: (eq.userUnit && eq.userUnit.name) || '—' }),
              ]),
            );
          });
        });
        table(
          panel.querySelector('table'),
          ['隐患 Hazard', '等级 Level', '期限 Deadline', '地址 Address', '使用单位 User unit'],
          rows,
        );
      },
    );
  }

  function loadOld() {
    var panel = document.getElementById('old');
    var before = new Date();
    before.setFullYear(before.getFullYear() - 15);
    return run('OldResidentialElevators', {
      district: scopeDistrict(),
      installedBefore: before.toISOString().slice(0, 10),
      first: 10,
    }).then(function (answer) {
      var c = answer.data && answer.data.elevators;
      mark(panel, answer, null);
      table(
        panel.querySelector('table'),
        ['注册代码 Code', '地址 Address', '梯龄 Age', '维保超期 Overdue', '维保单位 Maintainer'],
        ((c && c.nodes) || []).filter(Boolean).map(function (e) {
          return el(
            'tr',
            {
              class: 'clickable elevator',
              'data-code': e.registrationCode,
              onclick: function () {
                openFile(e.registrationCode);
              },
            },
            [
              el('td', { text: e.registrationCode }),
              el('td', { text: e.address || '—' }),
              el('td', { text: String(e.ageYears) }),
              el('td', { text: e.maintenanceOverdue ? '是 yes' : '否 no' }),
              el('td', { text: (e.maintainer && e.maintainer.name) || '—' }),
            ],
          );
        }),
      );
    });
  }

  function openFile(code) {
    var dialog = document.getElementById('file');
    var body = document.getElementById('file-body');
    body.textContent = '加载中 Loading…';
    if (!dialog.open) dialog.showModal();
    run('ElevatorFile', { registrationCode: code }).then(function (answer) {
      mark(dialog, answer, null);
      var e = answer.data && answer.data.elevator;
      body.textContent = '';
      if (!e) {
        body.textContent = '无此电梯 No such elevator';
        return;
      }
      var eq = e.equipment || {};
      var rows = [
        ['注册代码 Registration code', e.registrationCode],
        ['二维码 QR id', e.qrId],
        ['地址 Address', eq.address],
        ['区 District', eq.district && eq.district.name],
        ['梯龄 Age (years)', e.ageYears],
        ['维保超期 Maintenance overdue', e.maintenanceOverdue ? '是 yes' : '否 no'],
        ['维保单位 Maintainer', e.maintainer && e.maintainer.name],
        ['维保单位信用 Maintainer credit', e.maintainer && e.maintainer.credit && e.maintainer.credit.riskClass],
        ['使用单位 User unit', eq.userUnit && eq.userUnit.name],
        ['下次检验 Next inspection', eq.nextInspectionDue],
        ['最近维保 Last maintenance', e.lastMaintenance && e.lastMaintenance.date],
        ['报警 Alarms', e.alarms && e.alarms.totalCount],
      ];
      body.appendChild(
        el('table', { class: 'file' }, [
          el(
            'tbody',
            {},
            rows.map(function (r) {
              return el('tr', {}, [
                el('th', { text: r[0] }),
                el('td', { text: r[1] === null || r[1] === undefined ? '—' : String(r[1]) }),
              ]);
            }),
          ),
        ]),
      );
    });
  }

  // ---- live --------------------------------------------------------------------------------------
  /** One subscription over SSE: POST with accept text/event-stream, "next" events until "complete". */
  function subscribe(name, variables, onNext) {
    var controller = new AbortController();
    fetch('/graphql', {
      method: 'POST',
      headers: headers({ accept: 'text/event-stream' }),
      body: JSON.stringify({ query: state.operations[name], operationName: name, variables: variables }),
      signal: controller.signal,
    })
      .then(function (response) {
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return;
            buffer += decoder.decode(chunk.value, { stream: true });
            var at;
            while ((at = buffer.indexOf('\n\n')) >= 0) {
              var message = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              var event = null,
                data = '';
              message.split('\n').forEach(function (line) {
                if (line.indexOf('event:') === 0) event = line.slice(6).trim();
                else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
              });
              if (event === 'next' && data) onNext(JSON.parse(data));
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        /* closed or aborted: the next selection resubscribes */
      });
    return function () {
      controller.abort();
    };
  }

  // A rebuild recounts every district at once: their events are answered with one reload.
  var figuresTimer = null;
  function refreshFiguresSoon() {
    if (figuresTimer) return;
    figuresTimer = setTimeout(function () {
      figuresTimer = null;
      loadFigures();
    }, 500);
  }

  function startLive() {
    state.streams.forEach(function (stop) {
      stop();
    });
    var panel = document.getElementById('alarms');
    var list = document.getElementById('alarm-list');
    list.textContent = '';
    var districts = state.district ? [state.district] : null;
    panel.querySelector('.meta').textContent =
      '订阅中 Subscribed · ' + (state.district ? districtName(state.district) : '全部 all districts');
    state.streams = [
      subscribe('LiveAlarms', { districts: districts, kinds: null }, function (answer) {
        var a = answer.data && answer.data.alarms;
        if (!a) return;
        var eq = (a.alarm && a.alarm.equipment) || {};
        // One row per alarm, moved to the top with its latest state.
        var stateNow = (a.alarm && a.alarm.state) || a.change;
        var id = a.alarm ? a.alarm.id : a.id;
        var item = el(
          'li',
          {
            class: 'alarm ' + stateNow.toLowerCase(),
            'data-alarm': id,
            'data-state': stateNow,
            'data-code': eq.code || '',
            onclick: function () {
              if (eq.code) openFile(eq.code);
            },
          },
          [
            el('strong', { text: (KINDS[a.kind] || a.kind) + ' · ' + (STATES[stateNow] || stateNow) }),
            el('span', {
              text: ' ' + fmtTime(a.at) + ' · ' + ((eq.district && eq.district.name) || districtName(a.district)),
            }),
            el('div', {
              text:
                (eq.address || eq.code || '') +
                ' · 使用单位 ' +
                ((eq.userUnit && eq.userUnit.name) || '—') +
                ' · 维保 ' +
                ((eq.elevator && eq.elevator.maintainer && eq.elevator.maintainer.name) || '—'),
            }),
          ],
        );
        var shown = Array.prototype.find.call(list.children, function (li) {
          return li.getAttribute('data-alarm') === id;
        });
        if (shown) list.removeChild(shown);
        list.insertBefore(item, list.firstChild);
        while (list.children.length > 50) list.removeChild(list.lastChild);
      }),
      // A district's figures were recounted: refresh the figures panel only.
      subscribe('FiguresChanged', { districts: districts }, function () {
        refreshFiguresSoon();
      }),
    ];
  }

  // ---- selection ---------------------------------------------------------------------------------
  function scopeDistrict() {
    if (state.district) return state.district;
    var mine = state.caller && state.caller.districts;
    return mine && mine.length === 1 ? mine[0] : null;
  }
  function select(code) {
    state.district = code;
    document.getElementById('city').hidden =
      !code || !!(state.caller && state.caller.districts && state.caller.districts.length === 1);
    document.body.setAttribute('data-district', code || '');
    refresh();
    startLive();
  }
  function refresh() {
    document.body.setAttribute('data-loaded', 'false');
    return Promise.all([loadFigures(), loadRanking(), loadHazards(), loadOld()]).then(function () {
      document.body.setAttribute('data-loaded', 'true');
    });
  }

  document.getElementById('city').addEventListener('click', function () {
    select(null);
  });
  document.getElementById('file-close').addEventListener('click', function () {
    document.getElementById('file').close();
  });

  Promise.all([
    fetch('/dashboard/operations.json').then(function (r) {
      return r.json();
    }),
    fetch('/dashboard/caller', { headers: headers() }).then(function (r) {
      return r.ok ? r.json() : null;
    }),
  ]).then(function (loaded) {
    state.operations = loaded[0];
    state.caller = loaded[1];
    var mine = state.caller && state.caller.districts;
    document.getElementById('who').textContent = state.caller
      ? (mine ? '辖区 Districts: ' + mine.join(', ') : '全市 Whole city') + ' · ' + state.caller.subject
      : '未认证 Not signed in';
    state.district = mine && mine.length === 1 ? mine[0] : null;
    document.body.setAttribute('data-district', state.district || '');
    refresh().then(function () {
      startLive();
    });
  });
})();
