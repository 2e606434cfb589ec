// Package version holds the SDK's release version, sent in User-Agent.
package version

// Version is the SDK's version.
const Version = "0.1.0"
