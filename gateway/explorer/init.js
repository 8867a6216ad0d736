// Starts GraphiQL against this gateway's own /graphql. Everything the page loads comes from the
// gateway itself (government networks are closed): no CDN, no font service, no telemetry.
(function () {
  var defaultQuery = [
    '# equipment-graph: one graph over the permit, inspection, elevator and credit systems.',
    '# Try the example operations in docs/operations/, or start here. To ask as someone, put',
    '# {"authorization": "Bearer <the output of npm run token -- --sub you>"} under Headers below.',
    'query Districts {',
    '  districts { code name }',
    '}',
    '',
  ].join('\n');
  // Subscriptions (alarms, figuresChanged) go over graphql-ws on the same path; the headers set below are
  // sent as the connection's init payload.
  var fetcher = GraphiQL.createFetcher({
    url: window.location.origin + '/graphql',
    subscriptionUrl: window.location.origin.replace(/^http/, 'ws') + '/graphql',
  });
  var root = ReactDOM.createRoot(document.getElementById('explorer'));
  root.render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true }),
  );
})();
