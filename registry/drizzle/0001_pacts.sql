CREATE TABLE "evc_pact_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pact_id" integer NOT NULL,
	"provider_version" text NOT NULL,
	"success" boolean NOT NULL,
	"interactions" jsonb NOT NULL,
	"verified_by" text NOT NULL,
	"build_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_pacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"consumer" text NOT NULL,
	"consumer_version" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_sha256" text NOT NULL,
	"published_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evc_pact_verifications" ADD CONSTRAINT "evc_pact_verifications_pact_id_evc_pacts_id_fk" FOREIGN KEY ("pact_id") REFERENCES "public"."evc_pacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evc_pact_verifications_pact_idx" ON "evc_pact_verifications" USING btree ("pact_id","provider_version");--> statement-breakpoint
CREATE UNIQUE INDEX "evc_pacts_pair_version_key" ON "evc_pacts" USING btree ("provider","consumer","consumer_version");--> statement-breakpoint
CREATE INDEX "evc_pacts_consumer_idx" ON "evc_pacts" USING btree ("consumer","consumer_version");