'use strict';
// Builds the 2016 StackViz front-end (read from APP, never changed) into OUT, as its own gulp build did:
// browserify 13 over js/main.js with browserify-ngannotate and bulkify, the views in angular's $templateCache
// (module "templates", keys relative to views/), dart-sass over styles/main.scss.
// Usage: NODE_PATH=<node_modules of package.json beside this file> node build.js APP OUT
// Only glue lives here: the app's files are copied into OUT/work, built from there, and the copy removed.
const fs = require('fs');
const path = require('path');
const browserify = require('browserify');
const sass = require('sass');

const [app, out] = process.argv.slice(2).map(p => path.resolve(p));
const work = path.join(out, 'work');
const modules = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);

function files(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap(e => (e.isDirectory() ? files(path.join(dir, e.name), base)
      : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]));
}

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true });
  files(to).forEach(f => fs.chmodSync(path.join(to, f), 0o644)); // ../shared may have no write bits
}

// What gulp-angular-templatecache wrote as js/templates.js (standalone, for browserify).
function templates() {
  const views = path.join(app, 'views');
  const puts = files(views).filter(f => f.endsWith('.html')).map(f =>
    '  $templateCache.put(' + JSON.stringify(f) + ', '
    + JSON.stringify(fs.readFileSync(path.join(views, f), 'utf8')) + ');');
  return "'use strict';\nvar angular = require('angular');\n"
    + "module.exports = angular.module('templates', []).run(['$templateCache', function($templateCache) {\n"
    + puts.join('\n') + '\n}]);\n';
}

function bundle() {
  copyTree(path.join(app, 'js'), path.join(work, 'js'));
  fs.writeFileSync(path.join(work, 'js', 'templates.js'), templates());
  fs.mkdirSync(path.join(out, 'js'), { recursive: true });
  return new Promise((resolve, reject) => {
    browserify({ entries: [path.join(work, 'js', 'main.js')], paths: modules })
      .transform(require('browserify-ngannotate'))
      .transform(require('bulkify'))
      .bundle((err, buf) => (err ? reject(err) : resolve(fs.writeFileSync(path.join(out, 'js', 'main.js'), buf))));
  });
}

// dart-sass refuses `@extend .a.b;` (a compound selector); `@extend .a, .b;` is what node-sass made of it.
function styles() {
  const dir = path.join(work, 'styles');
  copyTree(path.join(app, 'styles'), dir);
  const typography = path.join(dir, '_typography.scss');
  const text = fs.readFileSync(typography, 'utf8');
  const fixed = text.replace(/@extend \.heading\.(-large|-medium|-small);/g, '@extend .heading, .$1;');
  if (fixed === text) {
    throw new Error('no compound @extend in ' + typography);
  }
  fs.writeFileSync(typography, fixed);
  const css = sass.compile(path.join(dir, 'main.scss'), { quietDeps: true, logger: sass.Logger.silent }).css;
  fs.mkdirSync(path.join(out, 'css'), { recursive: true });
  fs.writeFileSync(path.join(out, 'css', 'main.css'), css);
}

// The fonts its styles name (../fonts/...), from the npm packages of the versions its styles are.
function fonts() {
  const dir = name => path.dirname(require.resolve(name + '/package.json'));
  copyTree(path.join(dir('font-awesome'), 'fonts'), path.join(out, 'fonts'));
  copyTree(path.join(dir('bootstrap-sass'), 'assets', 'fonts', 'bootstrap'), path.join(out, 'fonts', 'bootstrap'));
}

bundle().then(() => {
  styles();
  fonts();
  fs.writeFileSync(path.join(out, 'index.html'), fs.readFileSync(path.join(app, 'index.html')));
  fs.rmSync(work, { recursive: true });
}).catch(e => {
  console.error(e.stack || String(e));
  process.exit(1);
});
