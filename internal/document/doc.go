// Package document writes the files the Party committees print and file:
// Party-format documents as DOCX (Hướng dẫn 36-HD/VPTW, 2018) with
// WriteDOCX, Vietnamese-formatted spreadsheets as XLSX with WriteXLSX, and
// printed overviews (tables with bar charts) as A4 PDF with WritePDF.
// It works over plain row models filled by the callers and never touches a
// database; it imports nothing of the project but internal/platform.
package document
