CREATE TABLE "evc_client_bundles" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_sha256" text NOT NULL,
	"document_version" text NOT NULL,
	"agent" text NOT NULL,
	"generator_version" text NOT NULL,
	"tarball_base64" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"tarball_sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "evc_client_bundles_key" ON "evc_client_bundles" USING btree ("document_sha256","agent","generator_version");