// Receives (and deletes) the messages waiting in an SQS queue and prints each body, as a subscriber of the SNS
// topic would get it. Usage: receive.mjs QUEUE_NAME [WAIT_SECONDS]. Talks to AWS_ENDPOINT_URL_SQS (the emulator).
import { SQSClient, GetQueueUrlCommand, ReceiveMessageCommand, DeleteMessageCommand } from "@aws-sdk/client-sqs";

const [queueName, wait = "5"] = process.argv.slice(2);
if (!queueName) {
  console.error("Usage: receive.mjs QUEUE_NAME [WAIT_SECONDS]");
  process.exit(2);
}
const sqs = new SQSClient({
  endpoint: process.env.AWS_ENDPOINT_URL_SQS ?? "http://127.0.0.1:4566",
  region: process.env.AWS_REGION ?? "us-east-1",
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "local", secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "local-secret" },
});
const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
const deadline = Date.now() + Number(wait) * 1000;
let received = 0;
while (Date.now() < deadline) {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
    QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ["All"],
  }));
  for (const message of Messages) {
    let body = message.Body;
    try { body = JSON.stringify(JSON.parse(body), null, 2); } catch { /* not JSON: print as it is */ }
    console.log(body);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    received++;
  }
}
console.error(`${received} message(s) from ${queueName}`);
