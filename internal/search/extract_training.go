package search

import (
	"context"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Courses (migration 00012_training): every signed-in user reads the
// course list (training.Service.ListCourses). Who attended is shown per
// unit, so participants are not indexed.
const allCourses = `SELECT id, updated_at FROM training_courses`

func loadCourses(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT id, title, organiser, place, starts_on, updated_at FROM training_courses WHERE id IN (?)`, ids,
		func(scan func(...any) error) error {
			var d Doc
			var organiser, place string
			var starts civil.Date
			if err := scan(&d.RefID, &d.Title, &organiser, &place, &starts, &d.Stamp); err != nil {
				return err
			}
			d.Kind, d.Day, d.Readers = KindCourse, starts, []string{"all"}
			d.Body, d.URL = joinText(organiser, place), "/training/courses/"+id(d.RefID)
			out = append(out, d)
			return nil
		})
	return out, err
}
