// Drives Tengen's GTP engine the way Sabaki does, with Sabaki's own libraries: @sabaki/gtp's
// Controller and ControllerStateTracker (how Sabaki keeps an engine's board in step with its
// game tree, undo and handicap included), analysis streamed with lz-analyze and kata-analyze and
// stopped by the next command, kata-genmove_analyze read by the state tracker, and printsgf parsed
// by @sabaki/sgf. Usage: node gui-clients.js ENGINE [ARGS...]. Prints a JSON summary on success;
// exits 1 with the reason on the first failed check.
'use strict'
const {Controller, ControllerStateTracker} = require('@sabaki/gtp')
const sgf = require('@sabaki/sgf')

const [engine, ...engineArgs] = process.argv.slice(2)
const controller = new Controller(engine, engineArgs)
const tracker = new ControllerStateTracker(controller)
let stderr = []
controller.on('stderr', ({content}) => stderr.push(content))

function check(condition, message) {
  if (!condition) {
    console.error('FAIL: ' + message)
    console.error('engine stderr: ' + stderr.slice(-20).join('\n'))
    process.exit(1)
  }
}

const vertex = /^(pass|[A-HJ-Ta-hj-t]\d{1,2})$/

// An analysis line as GUIs read it: "info" entries, each key/value pairs ending with "pv" and the
// variation's vertices; Leela Zero's winrate is in hundredths of a percent, KataGo's a fraction.
function parseAnalysis(line) {
  return line
    .split(/\s*info\s+/)
    .slice(1)
    .map(entry => {
      let words = entry.trim().split(/\s+/)
      let pvAt = words.lastIndexOf('pv')
      check(pvAt > 0, 'an entry without pv: ' + entry)
      let pv = words.slice(pvAt + 1)
      check(pv.length > 0 && pv.every(v => vertex.test(v)), 'pv is vertices only: ' + entry)
      let pairs = words.slice(0, pvAt)
      check(pairs.length % 2 === 0, 'keys and values pair up: ' + entry)
      let fields = {}
      for (let i = 0; i < pairs.length; i += 2) fields[pairs[i]] = pairs[i + 1]
      let winrate = fields.winrate.includes('.') ? +fields.winrate * 100 : +fields.winrate / 100
      return {move: fields.move, visits: +fields.visits, winrate, scoreLead: fields.scoreLead, pv}
    })
}

async function send(name, ...args) {
  let response = await controller.sendCommand({name, args})
  check(!response.error, `${name} ${args.join(' ')} failed: ${response.content}`)
  return response.content
}

// Sends an analysis command, waits for `count` info lines, then stops it with the next command.
async function analyse(name, args, count) {
  let lines = []
  let analysis = controller.sendCommand({name, args}, ({line}) => {
    if (line.startsWith('info ')) lines.push(line)
  })
  let deadline = Date.now() + 60000
  while (lines.length < count) {
    check(Date.now() < deadline, `${name}: ${count} lines within a minute, got ${lines.length}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  let stop = controller.sendCommand({name: 'name'})
  let response = await analysis
  check(!response.error, `${name} answered an error: ${response.content}`)
  check((await stop).content === 'Tengen', 'the command after an analysis is answered')
  return lines
}

async function main() {
  let summary = {}
  check((await send('name')) === 'Tengen', 'name')
  let commands = (await send('list_commands')).split('\n')
  for (let c of ['lz-analyze', 'kata-analyze', 'kata-genmove_analyze', 'undo', 'set_free_handicap'])
    check(commands.includes(c), c + ' listed')

  // Sabaki's board sync: komi, size, a handicap and moves; then a different last move (undo).
  let handicap = {name: 'set_free_handicap', args: ['C3', 'G7']}
  let history = [handicap, {name: 'play', args: ['W', 'E5']}, {name: 'play', args: ['B', 'D4']}]
  await tracker.sync({komi: 6.5, boardsize: [9, 9], history})
  history = [handicap, {name: 'play', args: ['W', 'E5']}, {name: 'play', args: ['B', 'E4']}]
  await tracker.sync({komi: 6.5, boardsize: [9, 9], history})
  let game = sgf.parse(await send('printsgf'))[0]
  check(game.data.SZ[0] === '9' && game.data.KM[0] === '6.5', 'size and komi: ' + JSON.stringify(game.data))
  check(JSON.stringify(game.data.AB.sort()) === '["cg","gc"]', 'handicap stones: ' + game.data.AB)
  let moves = []
  for (let node = game.children[0]; node; node = node.children[0])
    moves.push(node.data.W ? 'W' + node.data.W[0] : 'B' + node.data.B[0])
  check(moves.join(' ') === 'Wee Bef', 'the synced moves, D4 undone: ' + moves.join(' '))
  summary.synced = moves

  // Analysis as Sabaki and Lizzie ask for it.
  let lz = await analyse('lz-analyze', ['W', '5'], 3)
  let variations = parseAnalysis(lz[lz.length - 1])
  check(variations.length > 0, 'lz-analyze candidates')
  for (let v of variations) {
    check(v.winrate >= 0 && v.winrate <= 100, 'winrate in percent: ' + v.winrate)
    check(v.pv[0] === v.move && v.visits > 0, 'pv starts with its move: ' + JSON.stringify(v))
    check(!['C3', 'G7', 'E5', 'E4'].includes(v.move), 'no occupied point: ' + v.move)
  }
  summary.lzLines = lz.length
  summary.lzBest = variations[0]
  let kata = await analyse('kata-analyze', ['W', '5'], 2)
  variations = parseAnalysis(kata[kata.length - 1])
  check(variations.every(v => v.scoreLead != null && v.winrate >= 0 && v.winrate <= 100), 'kata fields')
  summary.kataBest = variations[0]

  // A move with analysis, read back by the state tracker from its "play" line.
  let before = tracker.state.history.length
  let played = null
  let response = await controller.sendCommand({name: 'kata-genmove_analyze', args: ['W', '10']},
    ({line}) => { if (line.startsWith('play ')) played = line.slice(5).trim() })
  check(!response.error && played != null && vertex.test(played), 'a play line: ' + response.content)
  await new Promise(resolve => setTimeout(resolve, 50))
  check(tracker.state.history.length === before + 1, 'the tracker saw the move')
  summary.genmoveAnalyze = played

  let dead = await send('final_status_list', 'dead')
  summary.dead = dead
  await controller.stop()
  console.log(JSON.stringify(summary))
}

main().catch(err => check(false, err.stack || String(err)))
