/// The player the HTML snippet carries: a small script and its style, inline, so a course
/// page needs nothing from the network. Plain HTML first — without JavaScript the snippet is
/// a `<picture>` (the GIF, or the poster under reduced motion) — enhanced by the script:
///
/// - where the browser has WebCodecs' `ImageDecoder` (Chromium-based browsers), the GIF's
///   own bytes (fetched once, from the cache) are decoded and shown on a canvas with the
///   GIF's timing; Pause/Play stops and restarts it, Previous and Next stage step between
///   the lesson's stages, and a polite live region says which epoch and stage is shown and
///   what it shows;
/// - elsewhere Pause shows the poster still and Play brings the GIF back.
///
/// Under `prefers-reduced-motion: reduce` it starts paused on the poster's stage. Every
/// control is a `<button>` whose name says what it does, reachable by Tab, with a visible
/// focus ring of two colours 10.7:1 apart, each at least 2 px (WCAG technique C40), so it
/// shows on a light or a dark page.
enum HTMLPlayer {
    static let style = """
    .descent-player canvas, .descent-player img { max-width: 100%; height: auto; display: block; }
    .descent-controls { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0.5em 0; }
    .descent-controls[hidden] { display: none; }
    .descent-controls button { font: inherit; padding: 0.3em 0.8em; color: #1a1a1a; background: #f2f2f2;
      border: 1px solid #595959; border-radius: 4px; cursor: pointer; }
    .descent-controls button:hover { background: #e0e0e0; }
    .descent-controls button:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; box-shadow: 0 0 0 2px #ffffff; }
    .descent-controls button[hidden] { display: none; }
    .descent-status { margin: 0; }
    """

    static let script = """
    (function () {
      var figure = document.currentScript.closest('figure');
      var timeline = JSON.parse(figure.querySelector('script.descent-timeline').textContent);
      var picture = figure.querySelector('picture');
      var img = picture.querySelector('img');
      var controls = figure.querySelector('.descent-controls');
      var toggle = controls.querySelector('[data-action=toggle]');
      var previous = controls.querySelector('[data-action=previous]');
      var next = controls.querySelector('[data-action=next]');
      var status = controls.querySelector('.descent-status');
      var keyframes = timeline.keyframes;
      var words = timeline.words;
      // The theme the reader's colour scheme asks for, as the picture's sources chose it.
      (timeline.schemes || []).forEach(function (scheme) {
        if (window.matchMedia && window.matchMedia(scheme.media).matches) {
          timeline.gif = scheme.gif;
          timeline.posterImage = scheme.posterImage;
          timeline.animation = scheme.animation;
        }
      });
      var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      var playing = !reduced;
      var shown = reduced ? timeline.poster : 0;
      controls.hidden = false;

      function keyframeAt(cs) {
        var k = 0;
        while (k + 1 < keyframes.length && keyframes[k + 1].start_cs <= cs) k++;
        return k;
      }
      function say(k) { status.textContent = (playing ? '' : words.paused) + keyframes[k].text; }
      function label() {
        toggle.textContent = playing ? words.pause : words.play;
        figure.setAttribute('data-playing', playing ? 'true' : 'false');
      }

      function fallback() {
        // No frame access: pausing shows the poster still, playing brings the GIF back.
        previous.hidden = true;
        next.hidden = true;
        var sources = Array.prototype.slice.call(picture.querySelectorAll('source'));
        toggle.addEventListener('click', function () {
          playing = !playing;
          sources.forEach(function (source) { if (source.parentNode) source.parentNode.removeChild(source); });
          img.src = playing ? timeline.gif : timeline.posterImage;
          label();
          status.textContent = playing ? words.playing : words.pausedPoster + keyframes[timeline.poster].text;
        });
        label();
        figure.setAttribute('data-ready', 'fallback');
      }

      if (!('ImageDecoder' in window) || !window.fetch) { fallback(); return; }
      fetch(timeline.animation).then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.arrayBuffer();
      }).then(function (data) {
        var decoder = new ImageDecoder({ data: data, type: timeline.type });
        return decoder.tracks.ready.then(function () { return decoder.completed; }).then(function () {
          var track = decoder.tracks.selectedTrack;
          var count = track.frameCount, starts = [], durations = [], t = 0, i = 0;
          function measure() {
            if (i === count) return Promise.resolve();
            return decoder.decode({ frameIndex: i }).then(function (result) {
              var cs = Math.round(result.image.duration / 10000);
              result.image.close();
              starts.push(t); durations.push(cs); t += cs; i++;
              return measure();
            });
          }
          return measure().then(function () { start(decoder, starts, durations, track.repetitionCount); });
        });
      }).catch(fallback);

      function start(decoder, starts, durations, repetitions) {
        var canvas = document.createElement('canvas');
        canvas.width = timeline.width;
        canvas.height = timeline.height;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', img.alt);
        if (img.getAttribute('aria-details')) canvas.setAttribute('aria-details', img.getAttribute('aria-details'));
        var context = canvas.getContext('2d');
        var frame = -1, timer = null, plays = 0, token = 0;
        function frameOf(k) {
          var f = 0;
          while (f + 1 < starts.length && starts[f + 1] <= keyframes[k].start_cs) f++;
          return f;
        }
        // Shows frame f: the stage it starts in while playing, or stage k when stepped to.
        function show(f, k) {
          var mine = ++token;
          return decoder.decode({ frameIndex: f }).then(function (result) {
            if (mine === token) {
              context.drawImage(result.image, 0, 0);
              frame = f;
              figure.setAttribute('data-frame', String(f));
              shown = k === undefined ? keyframeAt(starts[f]) : k;
            }
            result.image.close();
          });
        }
        function schedule() {
          clearTimeout(timer);
          if (!playing) return;
          timer = setTimeout(function () {
            var f = frame + 1;
            if (f >= starts.length) {
              plays++;
              if (isFinite(repetitions) && plays > repetitions) { playing = false; label(); say(shown); return; }
              f = 0;
            }
            show(f).then(schedule);
          }, Math.max(durations[frame], 2) * 10);
        }
        function stepTo(k) {
          playing = false;
          clearTimeout(timer);
          label();
          say(k);
          show(frameOf(k), k);
        }
        toggle.addEventListener('click', function () {
          playing = !playing;
          label();
          if (playing) { status.textContent = words.playing; schedule(); } else { clearTimeout(timer); say(shown); }
        });
        previous.addEventListener('click', function () { stepTo(Math.max(0, shown - 1)); });
        next.addEventListener('click', function () { stepTo(Math.min(keyframes.length - 1, shown + 1)); });
        picture.parentNode.replaceChild(canvas, picture);
        label();
        show(playing ? 0 : frameOf(shown), playing ? undefined : shown).then(function () {
          if (!playing) say(shown);
          figure.setAttribute('data-ready', 'canvas');
          schedule();
        });
      }
    })();
    """
}
