CREATE TABLE "evc_audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text,
	"version" text,
	"schema_id" integer,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "evc_config" (
	"subject" text PRIMARY KEY NOT NULL,
	"level" text,
	"policy" text,
	"mode" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"content_sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_subjects" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"next_position" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_schemas" (
	"id" serial PRIMARY KEY NOT NULL,
	"schema_type" text DEFAULT 'JSON' NOT NULL,
	"canonical" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_id" integer NOT NULL,
	"schema_id" integer NOT NULL,
	"version" text NOT NULL,
	"major" integer NOT NULL,
	"minor" integer NOT NULL,
	"patch" integer NOT NULL,
	"position" integer NOT NULL,
	"document_version" text,
	"deleted_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "evc_versions" ADD CONSTRAINT "evc_versions_subject_id_evc_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."evc_subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_versions" ADD CONSTRAINT "evc_versions_schema_id_evc_schemas_id_fk" FOREIGN KEY ("schema_id") REFERENCES "public"."evc_schemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evc_audit_log_subject_idx" ON "evc_audit_log" USING btree ("subject");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_documents_version_key" ON "evc_documents" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_subjects_name_key" ON "evc_subjects" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_schemas_type_hash_key" ON "evc_schemas" USING btree ("schema_type","hash");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_versions_subject_version_key" ON "evc_versions" USING btree ("subject_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_versions_subject_position_key" ON "evc_versions" USING btree ("subject_id","position");--> statement-breakpoint
CREATE INDEX "evc_versions_subject_major_idx" ON "evc_versions" USING btree ("subject_id","major");--> statement-breakpoint
CREATE INDEX "evc_versions_schema_idx" ON "evc_versions" USING btree ("schema_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_tokens_hash_key" ON "evc_tokens" USING btree ("hash");