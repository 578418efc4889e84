// Reads an SGF file Tengen wrote with Sabaki's own SGF library (@sabaki/sgf), prints what it found
// (nodes, branch points, the main line's moves, the root's comment) as JSON, writes the trees back
// with the library's stringify, and writes a second file built by the library itself, with
// variations and values that need escaping, for Tengen to read.
// Usage: node sgf-check.js TENGEN.sgf SABAKI-ROUNDTRIP.sgf SABAKI-BUILT.sgf
'use strict'
const fs = require('fs')
const sgf = require('@sabaki/sgf')

const [input, roundTrip, built] = process.argv.slice(2)
const roots = sgf.parse(fs.readFileSync(input, 'utf8'))

let nodes = 0
let branches = 0
let stack = [...roots]
while (stack.length > 0) {
  let node = stack.pop()
  nodes++
  if (node.children.length > 1) branches++
  stack.push(...node.children)
}
let mainLine = []
for (let node = roots[0].children[0]; node; node = node.children[0]) {
  if (node.data.B) mainLine.push('B' + node.data.B[0])
  if (node.data.W) mainLine.push('W' + node.data.W[0])
}
console.log(JSON.stringify({
  games: roots.length, nodes, branches, mainLine, rootComment: roots[0].data.C && roots[0].data.C[0]
}))
fs.writeFileSync(roundTrip, sgf.stringify(roots))

let id = 0
let node = (data, children = []) => ({id: id++, data, parentId: null, children})
let tree = node({GM: ['1'], FF: ['4'], SZ: ['9'], KM: ['6.5'], C: ['brackets ] and \\ backslashes; a colon: here'],
  AB: ['cc', 'gg'], AW: ['ee']}, [
  node({W: ['dd'], C: ['main line']}, [node({B: ['']}), node({B: ['tt']})]),
  node({W: ['ff'], LB: ['fd:A', 'fe:B'], MN: ['7']}, [node({B: ['de'], SBKV: ['55.5']})])
])
fs.writeFileSync(built, sgf.stringify([tree]))
