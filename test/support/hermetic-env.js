// Every test, and every CLI it spawns, runs apart from the machine's Google
// credentials: no metadata-server lookup (a CI runner on Google Cloud would
// otherwise hand out its own token) and an empty gcloud configuration folder,
// so deploy's token search sees only what a test gives it.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

process.env.METADATA_SERVER_DETECTION = "none";
if (!process.env.APIGEE_AWS_TEST_GCLOUD_CONFIG) {
  process.env.APIGEE_AWS_TEST_GCLOUD_CONFIG = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-gcloud-"));
}
process.env.CLOUDSDK_CONFIG = process.env.APIGEE_AWS_TEST_GCLOUD_CONFIG;
delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
