// Starts the SNS/SQS/S3 emulator (fauxqs) on loopback, creating the topics, queues, subscriptions and buckets
// of FAUXQS_INIT; with FAUXQS_DATA_DIR its state survives a restart. Run with the Node 22 of node_modules.
import net from "node:net";
import { DatabaseSync } from "node:sqlite";
import { startFauxqs } from "fauxqs";

const host = process.env.FAUXQS_HOST ?? "127.0.0.1";

// fauxqs 2.4 listens on every interface whatever its host option says: bind where we were told instead.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (options, ...rest) {
  if (options && typeof options === "object" && options.host === "0.0.0.0") {
    options = { ...options, host };
  }
  return listen.call(this, options, ...rest);
};

// fauxqs keeps its state in SQLite (WAL) and commits every message it enqueues, receives or deletes on its own,
// with an fsync each: several per JobAssigned, which on a slow disk holds its single thread longer than the messages
// take to come. synchronous=NORMAL writes each commit to the WAL as before and syncs at checkpoints: a crash of the
// emulator (even SIGKILL) loses nothing, as with Kafka's own logs; only the host's crash can lose the last commits.
const exec = DatabaseSync.prototype.exec;
DatabaseSync.prototype.exec = function (sql) {
  const result = exec.call(this, sql);
  if (/^PRAGMA journal_mode\s*=\s*WAL$/i.test(sql.trim())) {
    exec.call(this, "PRAGMA synchronous = NORMAL");
  }
  return result;
};

const server = await startFauxqs({
  host,
  port: Number(process.env.FAUXQS_PORT ?? 4566),
  logger: process.env.FAUXQS_LOG === "true",
  init: process.env.FAUXQS_INIT,
  dataDir: process.env.FAUXQS_DATA_DIR,
});
console.log(`fauxqs listening on ${host}:${server.port}`);
