package cluster

// ephemeralOSDiskMaxGB is, for VM sizes hardaks knows, the largest OS disk an ephemeral OS disk can hold: the
// temp (resource) disk of the v5 "d" sizes, the cache of the DSv2 sizes, 0 for sizes with neither. AKS places an
// ephemeral OS disk there and refuses a larger one. See also [Ephemeral OS disks on AKS].
//
// [Ephemeral OS disks on AKS]: https://learn.microsoft.com/azure/aks/concepts-storage#ephemeral-os-disk
var ephemeralOSDiskMaxGB = map[string]int{
	"Standard_D2ds_v5": 75, "Standard_D4ds_v5": 150, "Standard_D8ds_v5": 300, "Standard_D16ds_v5": 600, "Standard_D32ds_v5": 1200,
	"Standard_D2ads_v5": 75, "Standard_D4ads_v5": 150, "Standard_D8ads_v5": 300, "Standard_D16ads_v5": 600,
	"Standard_E2ds_v5": 75, "Standard_E4ds_v5": 150, "Standard_E8ds_v5": 300, "Standard_E16ds_v5": 600,
	"Standard_DS2_v2": 86, "Standard_DS3_v2": 172, "Standard_DS4_v2": 344,
	"Standard_D2s_v5": 0, "Standard_D4s_v5": 0, "Standard_D8s_v5": 0, "Standard_D16s_v5": 0,
	"Standard_D2as_v5": 0, "Standard_D4as_v5": 0, "Standard_D8as_v5": 0,
}

// EphemeralOSDiskMaxGB is the largest ephemeral OS disk vmSize can hold, and whether hardaks knows the size.
func EphemeralOSDiskMaxGB(vmSize string) (int, bool) {
	limit, known := ephemeralOSDiskMaxGB[vmSize]
	return limit, known
}
