import { type ClientsJob, type ClientsResult, edit, freshTally } from "./editor-clients.ts";

/*
 * The editors' process (forked by bench/workspace-editors.bench.ts with the
 * "advanced" serialization): says it is ready, runs the job it is sent, sends
 * back the tally and its own CPU time, and exits. Its CPU is not the server's.
 */
if (!process.send) throw new Error("run by bench/workspace-editors.bench.ts (needs an IPC channel)");
process.once("message", async (job: ClientsJob) => {
  const tally = freshTally(job.editors.length);
  const cpuBefore = process.cpuUsage();
  const deadline = performance.now() + job.seconds * 1000;
  await Promise.all(job.editors.map((editor) => edit(job.url, editor, tally, deadline)));
  const result: ClientsResult = { tally, cpu: process.cpuUsage(cpuBefore) };
  process.send!(result, () => process.exit(0));
});
process.send({ ready: true });
