// The whole hardaks environment as one component, from the same sections and keys as the stack configuration of
// the hardaks program (README, Configuration); what is left out takes the configuration's default.
import * as pulumi from "@pulumi/pulumi";
import * as hardaks from "@hardaks/hardaks";

export function environment(config: pulumi.Config): hardaks.Environment {
    return new hardaks.Environment("hardaks", {
        environment: { name: "demo", location: "westeurope", availabilityZones: ["1", "2", "3"] },
        entra: {
            tenantId: config.require("tenantId"),
            adminGroupObjectIds: config.requireObject<string[]>("adminGroupObjectIds"),
        },
        cluster: { skuTier: "Free", userPools: [{ name: "apps", minCount: 1, maxCount: 5 }] },
        buildAgent: {
            sshPublicKey: config.require("sshPublicKey"),
            ci: { system: "githubActions", url: "https://github.com/contoso/apps" },
        },
    });
}
