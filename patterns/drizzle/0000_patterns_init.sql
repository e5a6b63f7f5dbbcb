CREATE TABLE "evc_aggregate_events" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"version" integer NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"event" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evc_aggregate_events_stream_version_key" UNIQUE("aggregate_type","aggregate_id","version"),
	CONSTRAINT "evc_aggregate_events_event_id_key" UNIQUE("event_id"),
	CONSTRAINT "evc_aggregate_events_version_positive" CHECK ("evc_aggregate_events"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "evc_saga_instances" (
	"saga_id" text PRIMARY KEY NOT NULL,
	"saga_name" text NOT NULL,
	"status" text NOT NULL,
	"state" jsonb NOT NULL,
	"deadline_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evc_saga_outbox" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"saga_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"event" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "evc_saga_outbox_event_id_key" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "evc_saga_processed_events" (
	"saga_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evc_saga_processed_events_saga_id_event_id_pk" PRIMARY KEY("saga_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "evc_saga_outbox" ADD CONSTRAINT "evc_saga_outbox_saga_id_evc_saga_instances_saga_id_fk" FOREIGN KEY ("saga_id") REFERENCES "public"."evc_saga_instances"("saga_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evc_saga_processed_events" ADD CONSTRAINT "evc_saga_processed_events_saga_id_evc_saga_instances_saga_id_fk" FOREIGN KEY ("saga_id") REFERENCES "public"."evc_saga_instances"("saga_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evc_saga_instances_deadline_idx" ON "evc_saga_instances" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE INDEX "evc_saga_outbox_pending_idx" ON "evc_saga_outbox" USING btree ("published_at","position");