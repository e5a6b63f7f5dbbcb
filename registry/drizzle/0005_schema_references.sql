CREATE TABLE "evc_schema_references" (
	"schema_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "evc_schema_references_pkey" PRIMARY KEY("schema_id","ordinal")
);
--> statement-breakpoint
ALTER TABLE "evc_schema_references" ADD CONSTRAINT "evc_schema_references_schema_id_evc_schemas_id_fk" FOREIGN KEY ("schema_id") REFERENCES "public"."evc_schemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evc_schema_references_target_idx" ON "evc_schema_references" USING btree ("subject","version");