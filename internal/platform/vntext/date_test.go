package vntext

import (
	"testing"
	"time"
)

func TestLocation(t *testing.T) {
	if Location == nil {
		t.Fatal("Location is nil")
	}
	if got := Location.String(); got != "Asia/Ho_Chi_Minh" {
		t.Errorf("Location = %q, want Asia/Ho_Chi_Minh (time/tzdata is embedded)", got)
	}
	for _, d := range []time.Time{
		time.Date(2020, 1, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2020, 7, 15, 12, 0, 0, 0, time.UTC),
	} {
		t.Run(d.Format("January"), func(t *testing.T) {
			if _, off := d.In(Location).Zone(); off != 7*3600 {
				t.Errorf("offset on %v = %d, want UTC+7 all year", d, off)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		name           string
		in             time.Time
		date, dateTime string
	}{
		{"local", time.Date(2020, 6, 30, 14, 5, 0, 0, Location), "30/06/2020", "30/06/2020 14:05"},
		{"UTC evening is next day", time.Date(2020, 6, 30, 18, 30, 0, 0, time.UTC), "01/07/2020", "01/07/2020 01:30"},
		{"UTC morning", time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC), "05/01/2021", "05/01/2021 07:00"},
		{"new year boundary", time.Date(2019, 12, 31, 17, 0, 0, 0, time.UTC), "01/01/2020", "01/01/2020 00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatDate(tt.in); got != tt.date {
				t.Errorf("FormatDate(%v) = %q, want %q", tt.in, got, tt.date)
			}
			if got := FormatDateTime(tt.in); got != tt.dateTime {
				t.Errorf("FormatDateTime(%v) = %q, want %q", tt.in, got, tt.dateTime)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		y, m, d int
		wantErr bool
	}{
		{in: "30/06/2020", y: 2020, m: 6, d: 30},
		{in: "5/7/2020", y: 2020, m: 7, d: 5},
		{in: "05/07/2020", y: 2020, m: 7, d: 5},
		{in: "2020-06-30", y: 2020, m: 6, d: 30},
		{in: " 01/02/2024 ", y: 2024, m: 2, d: 1},
		{in: "29/02/2024", y: 2024, m: 2, d: 29},
		{in: "29/02/2023", wantErr: true},
		{in: "31/02/2020", wantErr: true},
		{in: "31/04/2020", wantErr: true},
		{in: "00/01/2020", wantErr: true},
		{in: "01/13/2020", wantErr: true},
		{in: "2020-6-30", wantErr: true},
		{in: "2020-02-30", wantErr: true},
		{in: "30/06/20", wantErr: true},
		{in: "06/30/2020", wantErr: true},
		{in: "30-06-2020", wantErr: true},
		{in: "30/06/2020 10:00", wantErr: true},
		{in: "+1/06/2020", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Errorf("ParseDate(%q) = %v, want error", tt.in, got)
				}
				return
			}
			want := time.Date(tt.y, time.Month(tt.m), tt.d, 0, 0, 0, 0, Location)
			if err != nil || !got.Equal(want) || got.Location() != Location {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, want)
			}
			if FormatDate(got) != FormatDate(want) {
				t.Errorf("FormatDate(ParseDate(%q)) = %q", tt.in, FormatDate(got))
			}
		})
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		name, place string
		t           time.Time
		want        string
	}{
		{"05/07", "Hà Nội", time.Date(2020, 7, 5, 9, 0, 0, 0, Location), "Hà Nội, ngày 05 tháng 7 năm 2020"},
		{"01/02", "Đắk Lắk", time.Date(2021, 2, 1, 9, 0, 0, 0, Location), "Đắk Lắk, ngày 01 tháng 02 năm 2021"},
		{"30/06", "Hà Nội", time.Date(2020, 6, 30, 9, 0, 0, 0, Location), "Hà Nội, ngày 30 tháng 6 năm 2020"},
		{"15/12", "Khánh Hòa", time.Date(2020, 12, 15, 9, 0, 0, 0, Location), "Khánh Hòa, ngày 15 tháng 12 năm 2020"},
		{"03/03 month not padded", "Cần Thơ", time.Date(2025, 3, 3, 9, 0, 0, 0, Location), "Cần Thơ, ngày 03 tháng 3 năm 2025"},
		{"09/11", "Lào Cai", time.Date(2025, 11, 9, 9, 0, 0, 0, Location), "Lào Cai, ngày 09 tháng 11 năm 2025"},
		{"10/01", "Huế", time.Date(2026, 1, 10, 9, 0, 0, 0, Location), "Huế, ngày 10 tháng 01 năm 2026"},
		{"taken in Location", "Hà Nội", time.Date(2020, 6, 29, 17, 0, 0, 0, time.UTC), "Hà Nội, ngày 30 tháng 6 năm 2020"},
		{"place normalised", " Ha\u0300 Nô\u0323i\u200B ", time.Date(2020, 6, 30, 9, 0, 0, 0, Location), "Hà Nội, ngày 30 tháng 6 năm 2020"},
		{"no place", "", time.Date(2020, 6, 30, 9, 0, 0, 0, Location), "ngày 30 tháng 6 năm 2020"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateLine(tt.place, tt.t); got != tt.want {
				t.Errorf("DateLine(%q, %v) = %q, want %q", tt.place, tt.t, got, tt.want)
			}
		})
	}
}
