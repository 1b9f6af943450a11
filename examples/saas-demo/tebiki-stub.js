// Tebiki queue stub: records calls made before the bundle loads; the bundle replays them in order.
// biome-ignore-all lint: ES5 on purpose, so the stub runs unchanged in any browser before the bundle.
// biome-ignore-all format: kept byte-for-byte as the snippet documented for embedders.
!(function (w, methods) {
  var t = (w.tebiki = w.tebiki || []);
  if (t.invoked) return;
  t.invoked = true;
  methods.forEach(function (m) {
    t[m] = function () {
      var args = Array.prototype.slice.call(arguments);
      args.unshift(m);
      t.push(args);
      return t;
    };
  });
})(window, ['init', 'identify', 'group', 'track', 'page', 'start', 'next', 'back', 'dismiss', 'milestone', 'progress', 'on', 'flush', 'consent', 'reset', 'destroy']);
