// Package huaweiprofile reads the Huawei Cloud profile file
// (~/.huaweicloud/credentials) with gopkg.in/ini.v1. It is apart from package
// auth so that only the Huawei services link the INI parser.
package huaweiprofile

import (
	"errors"
	"os"

	"gopkg.in/ini.v1"

	"github.com/apimgmt/apimgmt-go/internal/auth"
)

// Read reads the [basic] section of the INI profile file at
// path: ak, sk, security_token and project_id.
func Read(path string) (auth.HuaweiKeys, *auth.ChainLinkError) {
	link := "profile " + path
	if path == "" {
		return auth.HuaweiKeys{}, &auth.ChainLinkError{Link: "profile", Reason: "no home directory and " + auth.EnvHuaweiCredentialsFile + " not set"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		reason := "cannot be read"
		if errors.Is(err, os.ErrNotExist) {
			reason = "does not exist"
		}
		return auth.HuaweiKeys{}, &auth.ChainLinkError{Link: link, Reason: reason}
	}
	f, err := ini.Load(data)
	if err != nil {
		// The parser's message may quote a line of the file: not shown.
		return auth.HuaweiKeys{}, &auth.ChainLinkError{Link: link, Reason: "is not a valid INI file"}
	}
	sec := f.Section("basic")
	k := auth.HuaweiKeys{
		AccessKey:     sec.Key("ak").String(),
		SecretKey:     sec.Key("sk").String(),
		SecurityToken: sec.Key("security_token").String(),
		ProjectID:     sec.Key("project_id").String(),
	}
	if k.AccessKey == "" || k.SecretKey == "" {
		return auth.HuaweiKeys{}, &auth.ChainLinkError{Link: link, Reason: "has no ak and sk in section [basic]"}
	}
	return k, nil
}
