CREATE TABLE "evc_broker_branch_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"branch" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_broker_deployments" (
	"uuid" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version_id" integer NOT NULL,
	"environment_uuid" text NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evc_broker_environments" (
	"uuid" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"display_name" text,
	"production" boolean DEFAULT false NOT NULL,
	"contacts" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evc_broker_environments_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "evc_broker_pacticipants" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"display_name" text,
	"main_branch" text,
	"repository_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evc_broker_pacticipants_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "evc_broker_tags" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_broker_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"pacticipant_id" integer NOT NULL,
	"number" text NOT NULL,
	"build_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_broker_webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_uuid" text NOT NULL,
	"event" text NOT NULL,
	"attempt" integer NOT NULL,
	"url" text NOT NULL,
	"status" integer,
	"success" boolean NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_broker_webhooks" (
	"uuid" text PRIMARY KEY NOT NULL,
	"description" text,
	"events" jsonb NOT NULL,
	"consumer" text,
	"provider" text,
	"request" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evc_broker_branch_versions" ADD CONSTRAINT "evc_broker_branch_versions_version_id_evc_broker_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."evc_broker_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_broker_deployments" ADD CONSTRAINT "evc_broker_deployments_version_id_evc_broker_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."evc_broker_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_broker_deployments" ADD CONSTRAINT "evc_broker_deployments_environment_uuid_evc_broker_environments_uuid_fk" FOREIGN KEY ("environment_uuid") REFERENCES "public"."evc_broker_environments"("uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_broker_tags" ADD CONSTRAINT "evc_broker_tags_version_id_evc_broker_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."evc_broker_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_broker_versions" ADD CONSTRAINT "evc_broker_versions_pacticipant_id_evc_broker_pacticipants_id_fk" FOREIGN KEY ("pacticipant_id") REFERENCES "public"."evc_broker_pacticipants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_broker_webhook_deliveries" ADD CONSTRAINT "evc_broker_webhook_deliveries_webhook_uuid_evc_broker_webhooks_uuid_fk" FOREIGN KEY ("webhook_uuid") REFERENCES "public"."evc_broker_webhooks"("uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evc_broker_branch_versions_key" ON "evc_broker_branch_versions" USING btree ("version_id","branch");--> statement-breakpoint
CREATE INDEX "evc_broker_deployments_env_idx" ON "evc_broker_deployments" USING btree ("environment_uuid","current");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_broker_tags_key" ON "evc_broker_tags" USING btree ("version_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_broker_versions_key" ON "evc_broker_versions" USING btree ("pacticipant_id","number");--> statement-breakpoint
CREATE INDEX "evc_broker_webhook_deliveries_hook_idx" ON "evc_broker_webhook_deliveries" USING btree ("webhook_uuid","id");--> statement-breakpoint
CREATE INDEX "evc_pacts_content_idx" ON "evc_pacts" USING btree ("provider","consumer","content_sha256");