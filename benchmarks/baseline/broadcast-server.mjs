// The baseline of ./scripts/benchmark push: the minimal broadcast server of the ws README. Clients connect to any
// path but /control and get a welcome frame; every text message arriving on /control goes to all of them as is.
// Binds 127.0.0.1 on a free port and prints "listening <port>" once ready. Stops on SIGTERM or when stdin closes,
// so it never outlives the benchmark.
import { WebSocketServer, WebSocket } from 'ws';

const clients = new Set();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

server.on('connection', (socket, request) => {
	if (request.url.startsWith('/control')) {
		socket.on('message', (data, isBinary) => broadcast(data, isBinary));
		return;
	}
	clients.add(socket);
	socket.on('close', () => clients.delete(socket));
	socket.send('{"type":"welcome"}');
});

function broadcast(data, isBinary) {
	for (const client of clients) {
		if (client.readyState === WebSocket.OPEN) {
			client.send(data, { binary: isBinary });
		}
	}
}

server.on('listening', () => console.log(`listening ${server.address().port}`));

function stop() {
	clients.forEach((client) => client.terminate());
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
}

process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
